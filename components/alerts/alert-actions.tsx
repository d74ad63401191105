"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/action-result";

type State = ActionResult | null;
type FormAction = (form: FormData) => Promise<ActionResult>;
/** The alert page's server actions (app/(app)/alerts/actions.ts), passed by the page. */
export type AlertPageActions = { retry: FormAction; dismiss: FormAction; snooze: FormAction };
const button =
  "rounded-md px-3 py-2 text-sm font-semibold focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-1 disabled:opacity-60";
const input =
  "mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** Retry now, Dismiss (with a reason) and Snooze (until a date) for one open alert; each says how it went. */
export function AlertActions({
  alertId,
  open,
  canRetry,
  tomorrow,
  actions,
}: {
  alertId: number;
  open: boolean;
  canRetry: boolean;
  tomorrow: string;
  actions: AlertPageActions;
}) {
  const [panel, setPanel] = useState<"dismiss" | "snooze" | null>(null);
  const [retryState, retry, retrying] = useActionState<State, FormData>((_, form) => actions.retry(form), null);
  const [dismissState, dismiss, dismissing] = useActionState<State, FormData>((_, form) => actions.dismiss(form), null);
  const [snoozeState, snooze, snoozing] = useActionState<State, FormData>((_, form) => actions.snooze(form), null);
  const last = [retryState, dismissState, snoozeState].find(Boolean);
  return (
    <div className="space-y-3">
      {open ? null : <p className="text-sm text-slate-600">This alert is closed; its history shows what happened.</p>}
      <div className={open ? "flex flex-wrap gap-2" : "hidden"}>
        {canRetry ? (
          <form action={retry}>
            <input type="hidden" name="id" value={alertId} />
            <button type="submit" disabled={retrying} className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}>
              {retrying ? "Retrying…" : "Retry now"}
            </button>
          </form>
        ) : null}
        <button
          type="button"
          onClick={() => setPanel(panel === "snooze" ? null : "snooze")}
          aria-expanded={panel === "snooze"}
          className={`${button} text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50`}
        >
          Snooze…
        </button>
        <button
          type="button"
          onClick={() => setPanel(panel === "dismiss" ? null : "dismiss")}
          aria-expanded={panel === "dismiss"}
          className={`${button} text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50`}
        >
          Dismiss…
        </button>
      </div>
      {open && panel === "dismiss" ? (
        <form action={dismiss} className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
          <input type="hidden" name="id" value={alertId} />
          <label className="block text-sm font-medium text-slate-700">
            Reason (optional)
            <input name="reason" maxLength={500} placeholder="e.g. Tracking entered by hand in the cart" className={input} />
          </label>
          <p className="mt-2 text-xs text-slate-600">Dismissing stops retrying this record. An order can still be resent later.</p>
          <button type="submit" disabled={dismissing} className={`${button} mt-2 bg-slate-800 text-white hover:bg-slate-700`}>
            {dismissing ? "Dismissing…" : "Dismiss alert"}
          </button>
        </form>
      ) : null}
      {open && panel === "snooze" ? (
        <form action={snooze} className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
          <input type="hidden" name="id" value={alertId} />
          <label className="block text-sm font-medium text-slate-700">
            Snooze until
            <input name="until" type="date" min={tomorrow} defaultValue={tomorrow} required className={input} />
          </label>
          <p className="mt-2 text-xs text-slate-600">Hidden from the open alerts until then; Fixline keeps retrying meanwhile.</p>
          <button type="submit" disabled={snoozing} className={`${button} mt-2 bg-slate-800 text-white hover:bg-slate-700`}>
            {snoozing ? "Snoozing…" : "Snooze alert"}
          </button>
        </form>
      ) : null}
      {last ? (
        <p
          role="status"
          data-testid="action-result"
          className={`rounded-md px-3 py-2 text-sm ring-1 ${last.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-700 ring-red-200"}`}
        >
          {last.ok ? last.message : last.error}
        </p>
      ) : null}
    </div>
  );
}
