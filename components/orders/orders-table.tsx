"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { OrderFilter } from "@/lib/orders/order-filter";
import { Notice, type NoticeTone } from "../ui/notice";
import { button, checkbox } from "../ui/styles";
import { useHydrated } from "../ui/use-hydrated";
import { BulkProgress } from "./bulk-progress";
import { OrderRow, OrdersHeader, type OrdersTableRow, type OrdersView } from "./order-row";
import type { ResendAction } from "./resend-order-button";
import { useBulkResend, type BulkResendActions } from "./use-bulk-resend";

export type { OrdersTableRow };

type Props = {
  rows: OrdersTableRow[];
  filter: OrderFilter;
  /** Orders matching the filter, and how many of them may be resent: the "whole filtered set". */
  matching: number;
  resendableTotal: number;
  showMerchant: boolean;
  view: OrdersView;
  /** Shown instead of the table when no order matches; the messages above it stay. */
  empty: ReactNode;
  /** The Orders page's server actions, passed by the page. */
  actions: BulkResendActions & { resendOne: ResendAction };
};

/** The orders list with its selection model — rows on this page, or the whole filtered set — and Resend to WMS. */
export function OrdersTable({ rows, filter, matching, resendableTotal, showMerchant, view, empty, actions }: Props) {
  const router = useRouter();
  const bulk = useBulkResend(filter, actions);
  const hydrated = useHydrated();
  const locked = bulk.busy || !hydrated;
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [wholeSet, setWholeSet] = useState(false);
  const [notice, setNotice] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const [rowBusy, setRowBusy] = useState<number | null>(null);
  const pageIds = rows.filter((r) => r.resendable).map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const someOnPage = pageIds.some((id) => selected.has(id));
  const count = wholeSet ? resendableTotal : selected.size;
  const headerBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = someOnPage && !allOnPage && !wholeSet;
  }, [someOnPage, allOnPage, wholeSet]);

  const clear = () => {
    setSelected(new Set());
    setWholeSet(false);
  };
  const toggle = (id: number) => {
    setWholeSet(false);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  async function resendSelection() {
    setNotice(null);
    const selection = wholeSet
      ? ({ wholeSet: true } as const)
      : { orders: rows.filter((r) => selected.has(r.id)).map((r) => ({ id: r.id, version: r.version })) };
    clear();
    await bulk.start(selection);
  }

  async function resendOne(row: OrdersTableRow) {
    setRowBusy(row.id);
    bulk.dismiss();
    const answer = await actions
      .resendOne({ orderId: row.id, version: row.version })
      .catch(() => ({ ok: false as const, error: "Lost the connection to Fixline; try again." }));
    setNotice(
      answer.ok
        ? { tone: answer.data?.tone ?? "success", text: `${row.orderNumber}: ${answer.message}` }
        : { tone: "error", text: `${row.orderNumber}: ${answer.error}` },
    );
    setRowBusy(null);
    router.refresh();
  }

  const selectAll = (
    <input
      ref={headerBox}
      type="checkbox"
      className={checkbox}
      aria-label="Select every order on this page that can be resent"
      checked={allOnPage || (wholeSet && pageIds.length > 0)}
      disabled={!pageIds.length || locked}
      onChange={() => (allOnPage || wholeSet ? clear() : setSelected(new Set(pageIds)))}
    />
  );

  return (
    <div>
      <BulkProgress run={bulk.run} filter={filter} onDismiss={bulk.dismiss} />
      {notice ? (
        <Notice tone={notice.tone} testId="row-notice" className="mb-3">
          {notice.text}
        </Notice>
      ) : null}
      {rows.length === 0 ? (
        empty
      ) : (
        <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
            <p className="text-sm text-slate-700" data-testid="selection-count" aria-live="polite">
              {count ? (
                <span className="font-semibold text-slate-900">{count} selected</span>
              ) : (
                `${matching} ${matching === 1 ? "order" : "orders"}`
              )}
              {wholeSet ? <span> — every matching order that can be resent</span> : null}
            </p>
            <div className="flex items-center gap-3">
              {count ? (
                <button type="button" onClick={clear} className={button.link} disabled={locked}>
                  Clear selection
                </button>
              ) : null}
              <button type="button" onClick={resendSelection} disabled={count === 0 || locked} className={button.primary}>
                {count ? `Resend ${count} to WMS` : "Resend to WMS"}
              </button>
            </div>
          </div>
          {allOnPage && !wholeSet && resendableTotal > pageIds.length ? (
            <div className="border-b border-indigo-100 bg-indigo-50 px-4 py-2 text-center text-sm text-indigo-900">
              All {pageIds.length} orders that can be resent on this page are selected.{" "}
              <button type="button" onClick={() => setWholeSet(true)} className={`${button.link} font-semibold`}>
                Select all {resendableTotal} matching orders
              </button>
            </div>
          ) : null}
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="orders-table">
              <thead className="bg-slate-50">
                <OrdersHeader view={view} showMerchant={showMerchant} selectAll={selectAll} />
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((o) => (
                  <OrderRow
                    key={o.id}
                    row={o}
                    view={view}
                    showMerchant={showMerchant}
                    selected={wholeSet ? o.resendable : selected.has(o.id)}
                    disabled={locked || rowBusy !== null}
                    sending={rowBusy === o.id}
                    onToggle={toggle}
                    onResend={resendOne}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
