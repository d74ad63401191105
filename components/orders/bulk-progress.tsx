"use client";

import Link from "next/link";
import { bulkTone, describeBulk } from "@/lib/format/attempt";
import type { OrderFilter } from "@/lib/orders/order-filter";
import { Notice } from "../ui/notice";
import { ordersHref } from "./orders-href";
import type { BulkRun } from "./use-bulk-resend";

/** The progress of a bulk Resend while it runs, and its summary when it is done. */
export function BulkProgress({ run, filter, onDismiss }: { run: BulkRun; filter: OrderFilter; onDismiss: () => void }) {
  if (run.phase === "idle") return null;
  if (run.phase === "resolving" || run.phase === "sending") {
    const done = run.phase === "sending" ? run.done : 0;
    const total = run.phase === "sending" ? run.total : 0;
    const text = run.phase === "resolving" ? "Finding the matching orders…" : `Sending ${done} of ${total}…`;
    return (
      <div className="mb-3 rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200" data-testid="bulk-progress">
        <p className="text-sm font-medium text-slate-900" aria-live="polite">
          {text}
        </p>
        <div
          role="progressbar"
          aria-label="Resending to the WMS"
          aria-valuemin={0}
          aria-valuemax={total || 1}
          aria-valuenow={done}
          aria-valuetext={text}
          className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className="h-full rounded-full bg-indigo-600 transition-[width] duration-300"
            style={{ width: `${total ? Math.round((done / total) * 100) : 4}%` }}
          />
        </div>
      </div>
    );
  }
  const totals = run.totals;
  const tone = run.phase === "stopped" ? "error" : bulkTone(totals);
  return (
    <Notice tone={tone} testId="bulk-summary" className="mb-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold">
            {run.phase === "stopped"
              ? `Stopped after ${run.done} of ${run.total}: ${run.error}`
              : `Resent ${run.total} ${run.total === 1 ? "order" : "orders"} to the WMS.`}
          </p>
          <p data-testid="bulk-summary-counts">{describeBulk(totals)}</p>
          <p className="mt-1 flex flex-wrap gap-x-4">
            {totals.failing ? (
              <Link href={ordersHref({ ...filter, status: "error" })} className="font-medium underline">
                See the orders still failing
              </Link>
            ) : null}
            {totals.held ? (
              <Link href={ordersHref({ ...filter, status: "held" })} className="font-medium underline">
                See the held orders
              </Link>
            ) : null}
          </p>
        </div>
        <button
          type="button"
          onClick={onDismiss}
          className="rounded text-sm font-medium underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
        >
          Dismiss
        </button>
      </div>
    </Notice>
  );
}
