"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ServerAction } from "@/lib/action-result";
import type { NoticeTone } from "../ui/notice";
import { button, input } from "../ui/styles";
import { useHydrated } from "../ui/use-hydrated";

export const CARRIERS = ["USPS", "UPS", "FedEx", "DHL Express", "Canada Post", "Royal Mail", "Australia Post"];

/** The Ship methods page's save action (app/(app)/settings/ship-methods/actions.ts), passed down from the page. */
export type SaveMappingAction = ServerAction<
  { cartLabel: string; carrier: string; serviceCode: string },
  { tone: "success" | "warning" | "error" }
>;

type Props = {
  save: SaveMappingAction;
  /** Fixed for an unmapped or existing label; typed for a new mapping. */
  cartLabel?: string;
  carrier?: string;
  serviceCode?: string;
  submitLabel: string;
  idPrefix: string;
  autoFocus?: boolean;
  onSaved: (result: { tone: NoticeTone; text: string }) => void;
  onCancel?: () => void;
};

/** One mapping's fields: cart label → carrier + service code. Saving releases the orders held on the label. */
export function MappingForm({
  save,
  cartLabel,
  carrier = "",
  serviceCode = "",
  submitLabel,
  idPrefix,
  autoFocus,
  onSaved,
  onCancel,
}: Props) {
  const [pending, startTransition] = useTransition();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      cartLabel: cartLabel ?? String(form.get("cartLabel") ?? ""),
      carrier: String(form.get("carrier") ?? ""),
      serviceCode: String(form.get("serviceCode") ?? ""),
    };
    startTransition(async () => {
      const answer = await save(values).catch(() => ({
        ok: false as const,
        error: "Lost the connection to Fixline; try again.",
        fields: undefined,
      }));
      if (answer.ok) {
        setFields({});
        setError(null);
        onSaved({ tone: answer.data?.tone ?? "success", text: answer.message });
      } else {
        setFields(answer.fields ?? {});
        setError(answer.fields && Object.keys(answer.fields).length ? null : answer.error);
      }
    });
  };

  const field = (name: "cartLabel" | "carrier" | "serviceCode", text: string, props: Record<string, unknown>) => (
    <div className="min-w-40 flex-1">
      <label htmlFor={`${idPrefix}-${name}`} className="block text-xs font-medium text-slate-700">
        {text}
      </label>
      <input
        id={`${idPrefix}-${name}`}
        name={name}
        aria-invalid={fields[name] ? true : undefined}
        aria-describedby={fields[name] ? `${idPrefix}-${name}-error` : undefined}
        className={input(Boolean(fields[name]))}
        {...props}
      />
      {fields[name] ? (
        <p id={`${idPrefix}-${name}-error`} className="mt-1 text-sm text-red-700" data-testid="field-error">
          {fields[name]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-wrap items-start gap-3"
      aria-label={cartLabel ? `Map '${cartLabel}'` : "New mapping"}
    >
      {cartLabel === undefined
        ? field("cartLabel", "Cart label", { placeholder: "As the cart sends it, e.g. Free Shipping", autoFocus, required: true })
        : null}
      {field("carrier", "Carrier", {
        defaultValue: carrier,
        list: "carriers",
        placeholder: "e.g. USPS",
        autoFocus: autoFocus && cartLabel !== undefined,
        required: true,
      })}
      {field("serviceCode", "Service code", {
        defaultValue: serviceCode,
        placeholder: "e.g. usps_ground_advantage",
        spellCheck: false,
        required: true,
      })}
      <div className="flex items-center gap-2 pt-5">
        <button type="submit" className={button.primary} disabled={pending || !hydrated}>
          {pending ? "Saving…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={button.secondary} onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="basis-full text-sm text-red-700" data-testid="form-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
