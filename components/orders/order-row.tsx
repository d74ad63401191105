"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { OrderStatus } from "@/db/schema";
import { button, checkbox } from "../ui/styles";
import { OrderStatusBadge } from "./order-status-badge";

export type OrdersTableRow = {
  id: number;
  /** The payload version shown: an action on the row is refused if the order changed since (docs/rules.md#r9). */
  version: number;
  orderNumber: string;
  status: OrderStatus;
  merchantName: string;
  shipToName: string;
  shipToPlace: string;
  shipMethodLabel: string;
  items: number;
  placed: string;
  placedAt: string;
  reason: string | null;
  skippedOn: string | null;
  skippedAt: string | null;
  resendable: boolean;
};

export type OrdersView = "default" | "reason" | "skipped";

const th = "px-3 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const td = "px-3 py-3 align-top";

/** The header row: which columns a view shows, and the page's select-all box. */
export function OrdersHeader({ view, showMerchant, selectAll }: { view: OrdersView; showMerchant: boolean; selectAll: ReactNode }) {
  return (
    <tr>
      <th className="w-10 px-4 py-3">{selectAll}</th>
      <th className={th}>Order</th>
      {showMerchant ? <th className={th}>Merchant</th> : null}
      {view !== "skipped" ? <th className={th}>Status</th> : null}
      {view === "default" ? <th className={th}>Ship to</th> : <th className={th}>Reason</th>}
      {view === "skipped" ? <th className={th}>Skipped on</th> : null}
      <th className={th}>Ship method</th>
      {view === "default" ? <th className={`${th} text-right`}>Items</th> : null}
      <th className={th}>Placed</th>
      <th className={th}>
        <span className="sr-only">Actions</span>
      </th>
    </tr>
  );
}

type RowProps = {
  row: OrdersTableRow;
  view: OrdersView;
  showMerchant: boolean;
  selected: boolean;
  disabled: boolean;
  sending: boolean;
  onToggle: (id: number) => void;
  onResend: (row: OrdersTableRow) => void;
};

/** One order: selected rows are tinted so the selection is visible at a glance, not only in the checkboxes. */
export function OrderRow({ row: o, view, showMerchant, selected, disabled, sending, onToggle, onResend }: RowProps) {
  return (
    <tr data-testid="order-row" data-selected={selected || undefined} className={selected ? "bg-indigo-50/70" : "hover:bg-slate-50"}>
      <td className="w-10 px-4 py-3 align-top">
        {o.resendable ? (
          <input
            type="checkbox"
            className={checkbox}
            aria-label={`Select order ${o.orderNumber}`}
            checked={selected}
            disabled={disabled}
            onChange={() => onToggle(o.id)}
          />
        ) : null}
      </td>
      <td className={`${td} font-mono font-semibold whitespace-nowrap`}>
        <Link
          href={`/orders/${o.id}`}
          prefetch={false}
          data-testid="order-number"
          className="rounded text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
        >
          {o.orderNumber}
        </Link>
      </td>
      {showMerchant ? <td className={`${td} whitespace-nowrap text-slate-700`}>{o.merchantName}</td> : null}
      {view !== "skipped" ? (
        <td className={td}>
          <OrderStatusBadge status={o.status} />
        </td>
      ) : null}
      {view === "default" ? (
        <td className={td}>
          <span className="block text-slate-900">{o.shipToName}</span>
          <span className="block text-xs text-slate-600">{o.shipToPlace}</span>
        </td>
      ) : (
        <td className={`${td} max-w-md text-slate-800`} data-testid="order-reason">
          <span className="line-clamp-2" title={o.reason ?? undefined}>
            {o.reason ?? "—"}
          </span>
        </td>
      )}
      {view === "skipped" ? (
        <td className={`${td} whitespace-nowrap text-slate-700`} title={o.skippedAt ?? undefined} data-testid="order-skipped-on">
          {o.skippedOn ?? "—"}
        </td>
      ) : null}
      <td className={`${td} whitespace-nowrap text-slate-700`}>{o.shipMethodLabel}</td>
      {view === "default" ? <td className={`${td} text-right text-slate-700 tabular-nums`}>{o.items}</td> : null}
      <td className={`${td} whitespace-nowrap text-slate-600`} title={o.placedAt}>
        {o.placed}
      </td>
      <td className={`${td} text-right whitespace-nowrap`}>
        <RowAction row={o} sending={sending} disabled={disabled} onResend={onResend} />
      </td>
    </tr>
  );
}

/** A held order needs a fix first; a failing or skipped one can simply be sent again. */
function RowAction({
  row,
  sending,
  disabled,
  onResend,
}: {
  row: OrdersTableRow;
  sending: boolean;
  disabled: boolean;
  onResend: (row: OrdersTableRow) => void;
}) {
  if (row.status === "held") {
    return (
      <Link href={`/orders/${row.id}`} prefetch={false} className={button.small} aria-label={`Fix order ${row.orderNumber}`}>
        Fix
      </Link>
    );
  }
  if (row.status !== "error" && row.status !== "skipped") return null;
  return (
    <button
      type="button"
      className={button.small}
      disabled={disabled}
      onClick={() => onResend(row)}
      aria-label={`Resend order ${row.orderNumber} to WMS`}
    >
      {sending ? "Sending…" : "Resend"}
    </button>
  );
}
