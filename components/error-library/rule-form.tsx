"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/lib/action-result";
import type { RulePreview } from "@/lib/error-library/error-rules";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";
import { button, input, label } from "../ui/styles";

export type RuleFields = {
  ruleId?: number;
  platform: string;
  connectionKind: "" | "cart" | "wms";
  httpStatus: string;
  errorCode: string;
  messageContains: string;
  treatAs: "needs_person" | "retryable" | "connection";
  note: string;
};
export type RuleFormActions = {
  preview: ServerAction<RuleFields, RulePreview>;
  save: ServerAction<RuleFields, { ruleId: number }>;
};

const TREATMENTS: { value: RuleFields["treatAs"]; label: string; hint: string }[] = [
  { value: "needs_person", label: "Needs a person", hint: "Held at once, not retried; emailed to the alert contacts." },
  { value: "retryable", label: "Retryable", hint: "Retried on its cadence until it goes through or its window closes." },
  { value: "connection", label: "A connection problem", hint: "The whole connection is at fault: sends to it pause, one alert." },
];

/** Teach the library: a rule's conditions and treatment, a preview of the open alerts it changes, then save. */
export function RuleForm({ actions, initial }: { actions: RuleFormActions; initial: RuleFields }) {
  const router = useRouter();
  const [fields, setFields] = useState<RuleFields>(initial);
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [error, setError] = useState<{ text: string; fields: Record<string, string> } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof RuleFields>(key: K, value: RuleFields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    setPreview(null);
  };

  const runPreview = () =>
    startTransition(async () => {
      const result = await actions.preview(fields);
      if (!result.ok) return setError({ text: result.error, fields: result.fields ?? {} });
      setError(null);
      setPreview(result.data ?? null);
    });
  const save = () =>
    startTransition(async () => {
      const result = await actions.save(fields);
      if (!result.ok) return setError({ text: result.error, fields: result.fields ?? {} });
      setError(null);
      setSaved(result.message ?? "Saved.");
      router.refresh();
    });

  const text = (key: "platform" | "httpStatus" | "errorCode" | "messageContains" | "note", title: string, hint?: string) => (
    <div>
      <label className={label} htmlFor={`rule-${key}`}>
        {title}
      </label>
      <input
        id={`rule-${key}`}
        className={input(Boolean(error?.fields[key]))}
        value={fields[key]}
        onChange={(e) => set(key, e.target.value)}
        aria-invalid={Boolean(error?.fields[key])}
        aria-describedby={hint ? `rule-${key}-hint` : undefined}
      />
      {error?.fields[key] ? <p className="mt-1 text-sm text-red-700">{error.fields[key]}</p> : null}
      {hint ? (
        <p id={`rule-${key}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );

  if (saved)
    return (
      <div className="space-y-4">
        <Notice tone="success" testId="rule-result">
          {saved}
        </Notice>
        <Link href="/settings/error-library" className={button.secondary}>
          Back to the error library
        </Link>
      </div>
    );

  return (
    <div className="space-y-6">
      {error ? (
        <Notice tone="error" testId="rule-error">
          {error.text}
        </Notice>
      ) : null}
      <Card title="Errors like this">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            {text("messageContains", "The message contains", "Leave out what changes from one error to the next (order numbers, SKUs).")}
          </div>
          {text("errorCode", "Error code")}
          {text("httpStatus", "HTTP status")}
          {text("platform", "Platform", "As the connection names it, e.g. Extensiv 3PL Warehouse Manager.")}
          <div>
            <label className={label} htmlFor="rule-connectionKind">
              Connection
            </label>
            <select
              id="rule-connectionKind"
              className={input(false)}
              value={fields.connectionKind}
              onChange={(e) => set("connectionKind", e.target.value as RuleFields["connectionKind"])}
            >
              <option value="">Carts and WMSs</option>
              <option value="wms">WMSs only</option>
              <option value="cart">Carts only</option>
            </select>
          </div>
        </div>
      </Card>
      <Card title="Treat them as">
        <fieldset>
          <legend className="sr-only">Treat errors like this as</legend>
          <div className="space-y-2">
            {TREATMENTS.map((t) => (
              <label key={t.value} className="flex items-start gap-3 text-sm">
                <input
                  type="radio"
                  name="treatAs"
                  value={t.value}
                  checked={fields.treatAs === t.value}
                  onChange={() => set("treatAs", t.value)}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium text-slate-900">{t.label}</span>
                  <span className="block text-slate-600">{t.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-4">
          {text("note", "Plain explanation (optional)", "Shown on the alerts it matches, instead of the message.")}
        </div>
      </Card>
      <div className="flex flex-wrap gap-3">
        <button type="button" className={button.secondary} onClick={runPreview} disabled={pending}>
          {pending && !preview ? "Looking…" : "Preview the open alerts it changes"}
        </button>
        {preview ? (
          <button type="button" className={button.primary} onClick={save} disabled={pending} data-testid="save-rule">
            {pending ? "Saving…" : `Save the rule and change ${preview.count} open ${preview.count === 1 ? "alert" : "alerts"}`}
          </button>
        ) : null}
      </div>
      {preview ? (
        <Card title={`It changes ${preview.count} open ${preview.count === 1 ? "alert" : "alerts"}`}>
          {preview.count === 0 ? (
            <p className="text-sm text-slate-600">No open alert matches; it applies to the errors that come next.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="rule-preview">
              {preview.alerts.map((a) => (
                <li key={a.id} className="py-2" data-testid="preview-alert" data-alert-id={a.id}>
                  <Link href={`/alerts/${a.id}`} className="font-mono font-semibold text-indigo-700 hover:underline">
                    {a.label}
                  </Link>{" "}
                  <span className="text-slate-500">· {a.merchantName}</span>
                  <p className="line-clamp-1 font-mono text-xs text-slate-600">{a.message}</p>
                </li>
              ))}
              {preview.count > preview.alerts.length ? (
                <li className="py-2 text-slate-500">and {preview.count - preview.alerts.length} more</li>
              ) : null}
            </ul>
          )}
          {preview.connectionsDown.length ? (
            <p
              className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
              data-testid="preview-connections-down"
            >
              Saving it also marks {preview.connectionsDown.join(", ")} down at once: sends to{" "}
              {preview.connectionsDown.length === 1 ? "it are" : "them are"} paused with one outage alert each, and a probe every few
              minutes sends the backlog once one is accepted.
            </p>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
