"use client";

import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { AlertTopic, EmailFrequency } from "@/db/schema";
import { TIME_ZONE_LIST } from "./time-zone-options";

// The pieces of the alert-contact forms: labelled fields with their error, the frequency choice, form errors.

export const FREQUENCY_OPTIONS: Record<EmailFrequency, string> = {
  immediate: "Immediately",
  hourly: "Hourly digest",
  daily: "Daily digest",
  weekly: "Weekly digest (Mondays)",
  off: "Off",
};

export const input =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-400";
export const primary =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60";
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

/** The kinds of alerts a contact can choose (lib/notify/alert-topics.ts), in the order the form shows them. */
export const TOPIC_OPTIONS: [AlertTopic, string][] = [
  ["address", "Address problems"],
  ["ship_method", "Unmapped ship methods"],
  ["order_errors", "Other order errors"],
  ["sync", "Tracking and inventory"],
  ["skipped", "Skipped and about to be skipped"],
  ["connection", "Connections down and back up"],
];

export type ContactChoices = { timeZone: string; digestHour: number; hourlyEmailCap: number; alertTopics: AlertTopic[] | null };
export const DEFAULT_CHOICES: ContactChoices = { timeZone: "UTC", digestHour: 8, hourlyEmailCap: 6, alertTopics: null };

const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** A contact's own choices (docs/emails.md, "Per-contact choices"): zone, digest hour, hourly cap, kinds of alerts. */
export function ChoiceFields({ choices, fields }: { choices: ContactChoices; fields: Record<string, string> }) {
  return (
    <fieldset className="grid gap-3 sm:col-span-full sm:grid-cols-3">
      <legend className="sr-only">Delivery choices</legend>
      <Field label="Time zone" error={fields.timeZone}>
        <input
          name="timeZone"
          list={TIME_ZONE_LIST}
          defaultValue={choices.timeZone}
          className={input}
          aria-invalid={Boolean(fields.timeZone)}
          autoComplete="off"
        />
      </Field>
      <Field label="Daily and weekly digests at" error={fields.digestHour}>
        <select name="digestHour" defaultValue={choices.digestHour} className={input}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {hour(h)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Hourly limit (immediate)" error={fields.hourlyEmailCap}>
        <input
          name="hourlyEmailCap"
          type="number"
          min={1}
          max={60}
          defaultValue={choices.hourlyEmailCap}
          className={input}
          aria-invalid={Boolean(fields.hourlyEmailCap)}
        />
      </Field>
      <div className="sm:col-span-3">
        <input type="hidden" name="topics" value="shown" />
        <span className="block text-xs font-medium text-slate-700">Kinds of alerts</span>
        <span className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {TOPIC_OPTIONS.map(([topic, label]) => (
            <label key={topic} className="inline-flex items-center gap-1.5 text-xs text-slate-700">
              <input type="checkbox" name={`topic.${topic}`} defaultChecked={!choices.alertTopics || choices.alertTopics.includes(topic)} />
              {label}
            </label>
          ))}
        </span>
        {fields.alertTopics ? (
          <span className="mt-1 block text-xs font-normal text-red-600" data-testid="field-error">
            {fields.alertTopics}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}

/** "Europe/Berlin · digests at 07:00 · at most 6 emails an hour · address problems only". */
export function choicesSummary(c: ContactChoices): string {
  const kinds = c.alertTopics
    ? TOPIC_OPTIONS.filter(([t]) => c.alertTopics!.includes(t))
        .map(([, label]) => label.toLowerCase())
        .join(", ")
    : "every kind of alert";
  return `${c.timeZone} · digests at ${hour(c.digestHour)} · at most ${c.hourlyEmailCap} immediate emails an hour · ${kinds}`;
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
    <p
      role="alert"
      data-testid="form-error"
      className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 sm:col-span-4"
    >
      {result.error}
    </p>
  );
}
