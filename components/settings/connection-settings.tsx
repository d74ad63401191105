"use client";

import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Notice } from "../ui/notice";
import { button, input, label } from "../ui/styles";
import { useHydrated } from "../ui/use-hydrated";

type Result = { ok: true; message: string } | { ok: false; error: string; fields?: Record<string, string> };
type SettingsAction = (input: {
  connectionId: number;
  settings: { syncIntervalMinutes: string; endpointUrl: string; credential: string };
}) => Promise<Result>;
type ConnectionAction = (input: { connectionId: number }) => Promise<Result>;

export type ConnectionChangeLine = { detail: string; at: string; by: string };

type Props = {
  connectionId: number;
  name: string;
  syncIntervalMinutes: number;
  endpointUrl: string;
  /** "Paused since 4 Nov, 09:01 UTC by Maya Ortega", or null while it runs. */
  paused: string | null;
  /** Why the user may not change it ("Only an admin of … can change this."), or null for an admin. */
  readOnly: string | null;
  changes: ConnectionChangeLine[];
  save: SettingsAction;
  pause: ConnectionAction;
  resume: ConnectionAction;
};

/**
 * A connection's settings on Settings → Connections: its sync interval, endpoint URL and credential (write-only:
 * typed to replace it, never shown), pause and resume, and the latest changes with who made them. A field the core
 * refuses is marked where it is, with what was typed kept. Members read the values and the reason they cannot
 * change them.
 */
export function ConnectionSettings({
  connectionId,
  name,
  syncIntervalMinutes,
  endpointUrl,
  paused,
  readOnly,
  changes,
  save,
  pause,
  resume,
}: Props) {
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();
  const [confirmPause, setConfirmPause] = useState(false);
  const hydrated = useHydrated();
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused save, take the keyboard to the first field to fix, once it is marked and enabled again.
  const focused = useRef<Result | null>(null);
  useEffect(() => {
    if (pending || !result || result.ok || focused.current === result) return;
    focused.current = result;
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [result, pending]);
  const id = (field: string) => `connection-${connectionId}-${field}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const formElement = event.currentTarget;
    const settings = {
      syncIntervalMinutes: String(form.get("syncIntervalMinutes") ?? ""),
      endpointUrl: String(form.get("endpointUrl") ?? ""),
      credential: String(form.get("credential") ?? ""),
    };
    startTransition(async () => {
      const answer = await save({ connectionId, settings }).catch(() => ({
        ok: false as const,
        error: "Lost the connection to Fixline; nothing may have been saved. Try again.",
      }));
      setResult(answer);
      // The credential is write-only: once saved it leaves the form.
      if (answer.ok) (formElement.elements.namedItem("credential") as HTMLInputElement).value = "";
    });
  };
  const toggle = (action: ConnectionAction) =>
    startTransition(async () => {
      setConfirmPause(false);
      setResult(await action({ connectionId }).catch(() => ({ ok: false as const, error: "Lost the connection to Fixline; try again." })));
    });

  const error = (field: string) =>
    fields[field] ? (
      <p id={id(`${field}-error`)} className="mt-1 text-sm text-red-700" data-testid="field-error">
        {fields[field]}
      </p>
    ) : null;

  return (
    <div className="space-y-4" data-testid={`connection-settings-${connectionId}`}>
      {paused ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset" data-testid="paused-note">
          <span className="font-semibold">Paused.</span> {paused}. Nothing is sent to it and its retry windows stand still; orders, tracking
          and inventory wait here.
        </p>
      ) : null}
      {readOnly ? (
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Sync interval</dt>
            <dd className="mt-1 text-slate-800">every {syncIntervalMinutes} min</dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Credential</dt>
            <dd className="mt-1 text-slate-800">Set (never shown)</dd>
          </div>
          <p className="text-xs text-slate-600 sm:col-span-2">{readOnly}</p>
        </dl>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate aria-label={`Settings of ${name}`} className="space-y-4">
          <fieldset disabled={pending} className="grid gap-4 sm:grid-cols-2">
            <legend className="sr-only">Settings of {name}</legend>
            <div>
              <label htmlFor={id("syncIntervalMinutes")} className={label}>
                Sync interval (minutes)
              </label>
              <input
                id={id("syncIntervalMinutes")}
                name="syncIntervalMinutes"
                type="number"
                inputMode="numeric"
                min={5}
                max={1440}
                defaultValue={syncIntervalMinutes}
                aria-invalid={fields.syncIntervalMinutes ? true : undefined}
                aria-describedby={[id("syncIntervalMinutes-hint"), fields.syncIntervalMinutes ? id("syncIntervalMinutes-error") : null]
                  .filter(Boolean)
                  .join(" ")}
                className={input(Boolean(fields.syncIntervalMinutes))}
              />
              <p id={id("syncIntervalMinutes-hint")} className="mt-1 text-xs text-slate-500">
                5 to 1440. Tracking and inventory are retried at each sync; their window grows with the interval.
              </p>
              {error("syncIntervalMinutes")}
            </div>
            <div>
              <label htmlFor={id("credential")} className={label}>
                Credential <span className="font-normal text-slate-500">(write-only)</span>
              </label>
              <input
                id={id("credential")}
                name="credential"
                type="password"
                autoComplete="new-password"
                placeholder="Unchanged — type a new one to replace it"
                aria-invalid={fields.credential ? true : undefined}
                aria-describedby={fields.credential ? id("credential-error") : undefined}
                className={input(Boolean(fields.credential))}
              />
              {error("credential")}
            </div>
            <div className="sm:col-span-2">
              <label htmlFor={id("endpointUrl")} className={label}>
                Endpoint URL
              </label>
              <input
                id={id("endpointUrl")}
                name="endpointUrl"
                type="url"
                defaultValue={endpointUrl}
                aria-invalid={fields.endpointUrl ? true : undefined}
                aria-describedby={fields.endpointUrl ? id("endpointUrl-error") : undefined}
                className={`${input(Boolean(fields.endpointUrl))} font-mono`}
              />
              {error("endpointUrl")}
            </div>
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={button.primary} disabled={pending || !hydrated}>
              {pending ? "Saving…" : "Save settings"}
            </button>
            {paused ? (
              <button type="button" className={button.secondary} disabled={pending || !hydrated} onClick={() => toggle(resume)}>
                Resume
              </button>
            ) : confirmPause ? (
              <span className="flex flex-wrap items-center gap-2 text-sm text-slate-700" role="group" aria-label="Confirm pause">
                Nothing will be sent to {name} until it is resumed.
                <button type="button" className={button.secondary} disabled={pending} onClick={() => toggle(pause)}>
                  Pause {name}
                </button>
                <button type="button" className={button.link} onClick={() => setConfirmPause(false)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" className={button.secondary} disabled={pending || !hydrated} onClick={() => setConfirmPause(true)}>
                Pause…
              </button>
            )}
          </div>
        </form>
      )}
      {result ? (
        <Notice tone={result.ok ? "success" : "error"} testId="connection-settings-result">
          {result.ok ? result.message : result.error}
        </Notice>
      ) : null}
      {changes.length ? (
        <div>
          <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Changes</h4>
          <ul className="mt-1 space-y-1 text-xs text-slate-600" data-testid="connection-changes">
            {changes.map((c, i) => (
              <li key={i}>
                <span className="text-slate-800">{c.detail}</span> — {c.by}, {c.at}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
