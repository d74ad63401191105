"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { ServerAction } from "@/lib/action-result";
import { Notice, type NoticeTone } from "../ui/notice";
import { button, checkbox, input, label } from "../ui/styles";

type Values = {
  timeZone: string;
  defaultCutoff: string;
  methodCutoffs: string;
  weekdaysOff: number[];
  holidays: string;
  leadMinutes: number;
};

/** The Ship-by cutoffs page's save action (app/(app)/settings/ship-by/actions.ts), passed down from the page. */
export type SaveCutoffsAction = ServerAction<Omit<Values, "leadMinutes"> & { leadMinutes: string }, undefined>;

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Props = { save: SaveCutoffsAction; readOnly: string | null; timeZones: string[]; labels: string[]; initial: Values };

/** The warehouse's zone, days off, default and per-method cutoffs and lead time (docs/ship-by.md). */
export function CutoffSettingsForm({ save, readOnly, timeZones, labels, initial }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const disabled = readOnly !== null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      timeZone: String(form.get("timeZone") ?? ""),
      defaultCutoff: String(form.get("defaultCutoff") ?? ""),
      methodCutoffs: String(form.get("methodCutoffs") ?? ""),
      weekdaysOff: form.getAll("weekdaysOff").map(Number),
      holidays: String(form.get("holidays") ?? ""),
      leadMinutes: String(form.get("leadMinutes") ?? ""),
    };
    startTransition(async () => {
      const answer = await save(values).catch(() => ({
        ok: false as const,
        error: "Lost the connection to Fixline; try again.",
        fields: undefined,
      }));
      if (answer.ok) {
        setFields({});
        setNotice({ tone: "success", text: answer.message });
        router.refresh();
      } else {
        setFields(answer.fields ?? {});
        setNotice({ tone: "error", text: answer.error });
      }
    });
  };

  const error = (name: string) =>
    fields[name] ? (
      <p id={`${name}-error`} className="mt-1 text-sm text-red-700" data-testid="field-error">
        {fields[name]}
      </p>
    ) : null;
  const aria = (name: string) => ({
    "aria-invalid": fields[name] ? true : undefined,
    "aria-describedby": fields[name] ? `${name}-error` : undefined,
  });

  return (
    <form
      onSubmit={submit}
      className="max-w-2xl space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      aria-label="Cutoff rules"
    >
      {readOnly ? <Notice tone="info">{readOnly}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="timeZone" className={label}>
            Warehouse time zone
          </label>
          <select
            id="timeZone"
            name="timeZone"
            defaultValue={initial.timeZone}
            disabled={disabled}
            className={input(Boolean(fields.timeZone))}
            {...aria("timeZone")}
          >
            {timeZones.map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
          {error("timeZone")}
        </div>
        <div>
          <label htmlFor="defaultCutoff" className={label}>
            Default cutoff (local time)
          </label>
          <input
            id="defaultCutoff"
            name="defaultCutoff"
            defaultValue={initial.defaultCutoff}
            placeholder="14:00"
            disabled={disabled}
            className={input(Boolean(fields.defaultCutoff))}
            {...aria("defaultCutoff")}
          />
          <p className="mt-1 text-xs text-slate-500">Orders placed before it on a business day ship the same day.</p>
          {error("defaultCutoff")}
        </div>
      </div>
      <div>
        <label htmlFor="methodCutoffs" className={label}>
          Cutoffs per ship method
        </label>
        <textarea
          id="methodCutoffs"
          name="methodCutoffs"
          rows={3}
          defaultValue={initial.methodCutoffs}
          placeholder={`${labels[0] ?? "Express Shipping"} = 16:00`}
          disabled={disabled}
          className={`${input(Boolean(fields.methodCutoffs))} font-mono`}
          {...aria("methodCutoffs")}
        />
        <p className="mt-1 text-xs text-slate-500">
          One per line, the cart&apos;s label, &lsquo;=&rsquo;, its cutoff. Others use the default.
          {labels.length ? ` Mapped labels: ${labels.join(", ")}.` : ""}
        </p>
        {error("methodCutoffs")}
      </div>
      <fieldset>
        <legend className={label}>Days the warehouse does not ship</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {DAYS.map((day, n) => (
            <label key={day} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="weekdaysOff"
                value={n}
                defaultChecked={initial.weekdaysOff.includes(n)}
                disabled={disabled}
                className={checkbox}
              />
              {day}
            </label>
          ))}
        </div>
        {error("weekdaysOff")}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="holidays" className={label}>
            Holidays (no shipping)
          </label>
          <textarea
            id="holidays"
            name="holidays"
            rows={3}
            defaultValue={initial.holidays}
            placeholder="2026-12-25"
            disabled={disabled}
            className={`${input(Boolean(fields.holidays))} font-mono`}
            {...aria("holidays")}
          />
          <p className="mt-1 text-xs text-slate-500">One date per line, in the warehouse&apos;s zone.</p>
          {error("holidays")}
        </div>
        <div>
          <label htmlFor="leadMinutes" className={label}>
            Lead time (minutes)
          </label>
          <input
            id="leadMinutes"
            name="leadMinutes"
            type="number"
            min={0}
            max={1440}
            defaultValue={initial.leadMinutes}
            disabled={disabled}
            className={input(Boolean(fields.leadMinutes))}
            {...aria("leadMinutes")}
          />
          <p className="mt-1 text-xs text-slate-500">
            An order alert this close to its ship-by is emailed at once to immediate contacts, once.
          </p>
          {error("leadMinutes")}
        </div>
      </div>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {disabled ? null : (
        <button type="submit" className={button.primary} disabled={pending}>
          {pending ? "Saving…" : "Save cutoff rules"}
        </button>
      )}
    </form>
  );
}
