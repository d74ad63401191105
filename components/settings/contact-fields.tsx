"use client";

import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { EmailFrequency } from "@/db/schema";

// The pieces of the alert-contact forms: labelled fields with their error, the frequency choice, form errors.

export const FREQUENCY_OPTIONS: Record<EmailFrequency, string> = {
  immediate: "Immediately",
  hourly: "Hourly digest",
  daily: "Daily digest (08:00 UTC)",
  weekly: "Weekly digest (Mondays 08:00 UTC)",
  off: "Off",
};

export const input =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-400";
export const primary = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60";
export const secondary = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50";

export function FrequencySelect({ defaultValue }: { defaultValue: EmailFrequency }) {
  return (
    <select name="frequency" defaultValue={defaultValue} className={input}>
      {(Object.keys(FREQUENCY_OPTIONS) as EmailFrequency[]).map((f) => (
        <option key={f} value={f}>
          {FREQUENCY_OPTIONS[f]}
        </option>
      ))}
    </select>
  );
}

export function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="block text-xs font-medium text-slate-700">
      {label}
      <span className="mt-1 block">{children}</span>
      {error ? (
        <span className="mt-1 block text-xs font-normal text-red-600" data-testid="field-error">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function FormError({ result }: { result: ActionResult | null }) {
  if (!result || result.ok) return null;
  return (
    <p role="alert" data-testid="form-error" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 sm:col-span-4">
      {result.error}
    </p>
  );
}
