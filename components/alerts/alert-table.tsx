"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { AlertKind } from "@/db/schema";
import type { AlertFilter } from "@/lib/alerts/alert-filter";
import type { BulkSummary } from "@/lib/alerts/bulk-alerts";
import type { StatusLine } from "@/lib/alerts/status-line";
import type { ServerAction } from "@/lib/action-result";
import { Badge } from "../ui/badge";
import { AlertKindBadge } from "./alert-kind-badge";

export type AlertTableRow = {
  id: number;
  kind: AlertKind;
  needsPerson: boolean;
  open: boolean;
  message: string;
  orderNumber: string | null;
  productCode: string | null;
  context: string;
  age: string;
  exactTime: string;
  status: StatusLine;
  /** An open order alert's ship-by: "Misses ship-by in 2 h 10 min" (docs/ship-by.md#urgency). */
  shipBy?: { text: string; tone: "late" | "soon" | "later"; exact: string } | null;
  /** The error library's plain explanation and its one action (docs/error-library.md). */
  explanation: { headline: string; action: string; explained: boolean };
};

type BulkAction = "retry" | "resend" | "dismiss";
const CHUNK = 25;
const ACTION_LABELS: Record<BulkAction, string> = { retry: "Retry now", resend: "Resend to WMS", dismiss: "Dismiss" };
const SHIP_BY_TONE = { late: "bg-red-100 text-red-800", soon: "bg-amber-100 text-amber-900", later: "bg-slate-100 text-slate-700" };
const STATUS_TONE = { waiting: "text-amber-700", retrying: "text-sky-700", done: "text-emerald-700", info: "text-slate-600" };

/** The Alerts tab's bulk server actions (app/(app)/alerts/actions.ts), passed by the page. */
export type AlertTableActions = {
  bulk: ServerAction<{ action: BulkAction; ids: number[]; reason?: string }, BulkSummary>;
  matching: ServerAction<AlertFilter, number[]>;
};

type Props = { rows: AlertTableRow[]; filter: AlertFilter; total: number; empty: ReactNode; actions: AlertTableActions };

/** The alert list with its selection and bulk actions; stays mounted when a bulk action empties it, so its summary stays. */
export function AlertTable({ rows, filter, total, empty, actions }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [progress, setProgress] = useState<{ action: BulkAction; done: number; of: number } | null>(null);
  const [summary, setSummary] = useState<{ action: BulkAction; result: BulkSummary } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openIds = rows.filter((r) => r.open).map((r) => r.id);
  const count = allMatching ? total : selected.size;
  const pageSelected = openIds.length > 0 && openIds.every((id) => selected.has(id));

  const toggle = (id: number) => {
    setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  async function run(action: BulkAction) {
    setError(null);
    setSummary(null);
    let reason: string | undefined;
    if (action === "dismiss") {
      const answer = window.prompt(`Dismiss ${count} alert(s)? Their records will no longer be retried. Reason (optional):`, "");
      if (answer === null) return;
      reason = answer;
    }
    let ids = [...selected];
    if (allMatching) {
      const found = await actions.matching(filter);
      if (!found.ok) return setError(found.error);
      ids = found.data ?? [];
    }
    const total: BulkSummary = { sent: 0, failing: 0, held: 0, busy: 0, notFound: 0, changed: 0 };
    setProgress({ action, done: 0, of: ids.length });
    for (let i = 0; i < ids.length; i += CHUNK) {
      const result = await actions.bulk({ action, ids: ids.slice(i, i + CHUNK), reason });
      if (!result.ok) {
        setError(result.error);
        break;
      }
      for (const key of Object.keys(total) as (keyof BulkSummary)[]) total[key] += result.data?.[key] ?? 0;
      setProgress({ action, done: Math.min(i + CHUNK, ids.length), of: ids.length });
    }
    setProgress(null);
    setSummary({ action, result: total });
    setSelected(new Set());
    setAllMatching(false);
    router.refresh();
  }

  return (
    <div>
      <div
        className="mb-3 flex min-h-10 flex-wrap items-center gap-3 rounded-lg bg-white px-4 py-2 text-sm ring-1 ring-slate-200"
        role="toolbar"
        aria-label="Bulk actions"
      >
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
            checked={pageSelected}
            disabled={openIds.length === 0}
            onChange={() => {
              setAllMatching(false);
              setSelected(pageSelected ? new Set() : new Set(openIds));
            }}
            aria-label="Select every open alert on this page"
          />
          <span className="text-slate-700" data-testid="selection-count">
            {count > 0 ? `${count} selected` : "Select alerts to act on several at once"}
          </span>
        </label>
        {pageSelected && total > openIds.length && !allMatching ? (
          <button type="button" className="font-medium text-indigo-600 hover:underline" onClick={() => setAllMatching(true)}>
            Select all {total} matching this filter
          </button>
        ) : null}
        <div className="ml-auto flex gap-2">
          {(Object.keys(ACTION_LABELS) as BulkAction[]).map((action) => (
            <button
              key={action}
              type="button"
              disabled={count === 0 || progress !== null}
              onClick={() => run(action)}
              className="rounded-md px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-slate-50 focus:ring-2 focus:ring-indigo-500 focus:outline-none disabled:cursor-not-allowed disabled:opacity-50"
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      </div>
      {progress ? (
        <div className="mb-3 rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200" role="status" aria-live="polite">
          <p className="text-sm text-slate-700">
            {ACTION_LABELS[progress.action]}: {progress.done} of {progress.of}…
          </p>
          <div className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100">
            <div
              className="h-full bg-indigo-600 transition-all"
              style={{ width: `${progress.of ? (progress.done / progress.of) * 100 : 0}%` }}
            />
          </div>
        </div>
      ) : null}
      {summary ? <BulkSummaryNote {...summary} /> : null}
      {error ? (
        <p role="alert" className="mb-3 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? empty : null}
      <ul
        className={rows.length ? "divide-y divide-slate-200 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200" : "hidden"}
        data-testid="alert-list"
      >
        {rows.map((a) => (
          <li
            key={a.id}
            data-testid="alert-row"
            className={`flex gap-3 px-4 py-4 ${selected.has(a.id) || (allMatching && a.open) ? "bg-indigo-50/60" : "hover:bg-slate-50"}`}
          >
            <input
              type="checkbox"
              className="mt-1 h-4 w-4 shrink-0 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
              checked={allMatching ? a.open : selected.has(a.id)}
              disabled={!a.open}
              onChange={() => toggle(a.id)}
              aria-label={`Select alert ${a.orderNumber ?? a.productCode ?? a.id}`}
            />
            <Link
              href={`/alerts/${a.id}`}
              prefetch={false}
              className="block min-w-0 flex-1 rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
            >
              <div className="flex flex-wrap items-center gap-2">
                <AlertKindBadge kind={a.kind} />
                {a.needsPerson && a.open ? <Badge tone="amber">Needs you</Badge> : null}
                {a.orderNumber ? <span className="font-mono text-sm font-semibold text-slate-900">{a.orderNumber}</span> : null}
                {a.productCode ? <span className="font-mono text-sm font-semibold text-slate-900">{a.productCode}</span> : null}
                {a.shipBy ? (
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-medium ${SHIP_BY_TONE[a.shipBy.tone]}`}
                    title={`Ship-by ${a.shipBy.exact}`}
                    data-testid="ship-by"
                  >
                    {a.shipBy.text}
                  </span>
                ) : null}
                <span className="ml-auto text-xs text-slate-500" title={a.exactTime}>
                  {a.age}
                </span>
              </div>
              <p className="mt-1.5 text-sm font-medium text-slate-900" data-testid="alert-explanation">
                {a.explanation.headline}
                <span className="font-normal text-slate-600"> — {a.explanation.action}</span>
              </p>
              <p className="mt-1 line-clamp-2 font-mono text-xs text-slate-500" title="The system's message, for support">
                For support: {a.message}
              </p>
              <p className="mt-1 text-xs text-slate-500">{a.context}</p>
              <p className={`mt-1 text-xs font-medium ${STATUS_TONE[a.status.tone]}`} data-testid="alert-status">
                {a.status.text}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BulkSummaryNote({ action, result }: { action: BulkAction; result: BulkSummary }) {
  const parts =
    action === "dismiss"
      ? [`${result.sent} dismissed`]
      : [`${result.sent} sent`, `${result.failing} still failing`, ...(result.held ? [`${result.held} held for a fix`] : [])];
  if (result.busy) parts.push(`${result.busy} being sent by a worker right now`);
  if (result.changed)
    parts.push(
      `${result.changed} skipped because ${result.changed === 1 ? "it" : "they"} changed since you chose ${result.changed === 1 ? "it" : "them"} (delivered, accepted by the WMS or edited) — nothing was sent for ${result.changed === 1 ? "it" : "them"}`,
    );
  if (result.notFound) parts.push(`${result.notFound} not found or no longer open`);
  return (
    <p
      role="status"
      data-testid="bulk-summary"
      className="mb-3 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
    >
      {ACTION_LABELS[action]} done: {parts.join(", ")}.
    </p>
  );
}
