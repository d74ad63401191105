"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { ShipTo } from "@/db/schema";
import { postalCodeExample } from "@/lib/orders/order-input";
import { Notice } from "../ui/notice";
import { ReadOnlyAddress } from "./read-only-address";
import { button, input, label } from "../ui/styles";
import { useHydrated } from "../ui/use-hydrated";

const COUNTRIES: [string, string][] = [
  ["US", "United States"],
  ["CA", "Canada"],
  ["GB", "United Kingdom"],
  ["IE", "Ireland"],
  ["DE", "Germany"],
  ["FR", "France"],
  ["NL", "Netherlands"],
  ["BE", "Belgium"],
  ["ES", "Spain"],
  ["IT", "Italy"],
  ["SE", "Sweden"],
  ["DK", "Denmark"],
  ["CH", "Switzerland"],
  ["AT", "Austria"],
  ["AU", "Australia"],
  ["NZ", "New Zealand"],
  ["MX", "Mexico"],
  ["JP", "Japan"],
];

type Field = { name: keyof ShipTo; label: string; autoComplete: string; optional?: boolean; wide?: boolean };
const FIELDS: Field[] = [
  { name: "name", label: "Name", autoComplete: "name" },
  { name: "company", label: "Company", autoComplete: "organization", optional: true },
  { name: "line1", label: "Address line 1", autoComplete: "address-line1", wide: true },
  { name: "line2", label: "Address line 2", autoComplete: "address-line2", optional: true, wide: true },
  { name: "city", label: "City", autoComplete: "address-level2" },
  { name: "region", label: "State / province", autoComplete: "address-level1" },
  { name: "postalCode", label: "Postal code", autoComplete: "postal-code" },
  { name: "phone", label: "Phone", autoComplete: "tel", optional: true },
  { name: "email", label: "Email", autoComplete: "email", optional: true },
];

export type SaveAndResendAction = (input: {
  orderId: number;
  version: number;
  order: unknown;
}) => Promise<ActionResult<{ tone: "success" | "warning" | "error" }>>;

type Props = {
  /** The "Save & resend" server action (app/(app)/orders/actions.ts), passed by the page. */
  save: SaveAndResendAction;
  orderId: number;
  /** The order's payload version shown: the save is refused if the order changed since (docs/rules.md#r9). */
  version: number;
  shipTo: ShipTo;
  shipMethodLabel: string;
  /** The labels the merchant's warehouse has mapped to a carrier service. */
  mappedLabels: string[];
  /**
   * Why the order cannot be changed any more, or null while it can. Once a save gets it accepted, the page
   * shows the address read-only, and this component stays mounted so the answer stays on screen.
   */
  lockedNote: string | null;
  /** Set while a worker is sending the order: the form waits, and says why. */
  inFlightNote?: string | null;
};

function formInput(form: FormData) {
  const shipTo = Object.fromEntries(
    [...FIELDS.map((f) => f.name), "country"].map((name) => [name, String(form.get(`shipTo.${name}`) ?? "")]),
  );
  return { shipTo, shipMethodLabel: String(form.get("shipMethodLabel") ?? "") };
}

/**
 * The order-fix form: the ship-to address and the ship method. "Save & resend" saves and sends at once; a field
 * the core rejects is marked where it is, with the typed values kept, and the WMS's answer is shown after.
 */
export function OrderFixForm({ save, orderId, version, shipTo, shipMethodLabel, mappedLabels, lockedNote, inFlightNote }: Props) {
  const [state, dispatch, pending] = useActionState<ActionResult<{ tone: "success" | "warning" | "error" }> | null, FormData>(
    (_prev, form) =>
      save({ orderId, version, order: formInput(form) }).catch(() => ({
        ok: false as const,
        error: "Lost the connection to Fixline; nothing may have been saved. Try again.",
      })),
    null,
  );
  const [country, setCountry] = useState(shipTo.country);
  const [label_, setLabel] = useState(shipMethodLabel);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  const labels = [...new Set([shipMethodLabel, ...mappedLabels])].sort();
  const unmapped = !mappedLabels.includes(label_);

  // After a rejected save, take the keyboard to the first field to fix.
  useEffect(() => {
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    // Dispatched by hand so the form is not reset: a rejected value stays in the field to be corrected.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  const error = (name: string) => fields[name];
  const described = (name: string, hint?: boolean) =>
    [error(name) ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  const postalHint = postalCodeExample(country);
  const result = state ? (
    <Notice tone={state.ok ? (state.data?.tone ?? "success") : "error"} testId="save-result" className="mt-4">
      {state.ok ? state.message : state.error}
    </Notice>
  ) : null;

  if (lockedNote) {
    return (
      <>
        <ReadOnlyAddress shipTo={shipTo} shipMethodLabel={shipMethodLabel} note={lockedNote} />
        {result}
      </>
    );
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Fix the order" data-testid="order-fix-form">
      <fieldset className="grid grid-cols-1 gap-x-4 gap-y-4 sm:grid-cols-2" disabled={pending}>
        <legend className="sr-only">Ship-to address</legend>
        {FIELDS.map((f) => {
          const name = `shipTo.${f.name}`;
          const hint = f.name === "postalCode" && postalHint ? `e.g. ${postalHint}` : null;
          // US and Canadian carriers route on the state or province: there it is required.
          const optional = f.name === "region" ? country !== "US" && country !== "CA" : f.optional;
          const text = f.name === "region" ? (country === "US" ? "State" : country === "CA" ? "Province" : f.label) : f.label;
          return (
            <div key={f.name} className={f.wide ? "sm:col-span-2" : ""}>
              <label htmlFor={name} className={label}>
                {text} {optional ? <span className="font-normal text-slate-500">(optional)</span> : null}
              </label>
              <input
                id={name}
                name={name}
                defaultValue={shipTo[f.name] ?? ""}
                autoComplete={`shipping ${f.autoComplete}`}
                aria-invalid={error(name) ? true : undefined}
                aria-describedby={described(name, Boolean(hint))}
                className={input(Boolean(error(name)))}
              />
              {hint ? (
                <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
                  {hint}
                </p>
              ) : null}
              <FieldError id={`${name}-error`} message={error(name)} />
            </div>
          );
        })}
        <div>
          <label htmlFor="shipTo.country" className={label}>
            Country
          </label>
          <select
            id="shipTo.country"
            name="shipTo.country"
            value={country}
            onChange={(e) => setCountry(e.target.value)}
            aria-invalid={error("shipTo.country") ? true : undefined}
            aria-describedby={described("shipTo.country")}
            className={input(Boolean(error("shipTo.country")))}
          >
            {!COUNTRIES.some(([code]) => code === country) ? <option value={country}>{country || "Choose a country"}</option> : null}
            {COUNTRIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name} ({code})
              </option>
            ))}
          </select>
          <FieldError id="shipTo.country-error" message={error("shipTo.country")} />
        </div>
      </fieldset>
      <fieldset className="mt-6 border-t border-slate-200 pt-5" disabled={pending}>
        <legend className="sr-only">Ship method</legend>
        <label htmlFor="shipMethodLabel" className={label}>
          Ship method
        </label>
        <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-2">
          <select
            id="shipMethodLabel"
            name="shipMethodLabel"
            value={label_}
            onChange={(e) => setLabel(e.target.value)}
            aria-describedby="shipMethodLabel-hint"
            className={`${input(Boolean(error("shipMethodLabel")))} mt-0 max-w-xs`}
          >
            {labels.map((l) => (
              <option key={l} value={l}>
                {mappedLabels.includes(l) ? l : `${l} (not mapped)`}
              </option>
            ))}
          </select>
          <Link href={`/settings/ship-methods?label=${encodeURIComponent(label_)}`} className={button.link}>
            {unmapped ? `Map '${label_}' to a carrier service` : "Ship-method mappings"}
          </Link>
        </div>
        <p id="shipMethodLabel-hint" className="mt-1 text-xs text-slate-500">
          {unmapped
            ? `'${label_}' has no carrier service at the warehouse: choose a mapped one for this order, or map it once for every order held on it.`
            : "Only labels the warehouse has mapped to a carrier service can be sent."}
        </p>
        <FieldError id="shipMethodLabel-error" message={error("shipMethodLabel")} />
      </fieldset>
      <div className="mt-6 flex flex-wrap items-center gap-4">
        <button type="submit" className={button.primary} disabled={pending || !hydrated || Boolean(inFlightNote)}>
          {pending ? "Saving and sending…" : "Save & resend"}
        </button>
        <p className="text-xs text-slate-500">Saves the order and sends it to the WMS at once.</p>
      </div>
      {result}
    </form>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700" data-testid="field-error">
      {message}
    </p>
  );
}
