import type { Metadata } from "next";
import Link from "next/link";
import { OrderFilters } from "@/components/orders/order-filters";
import { ordersHref, pageSize } from "@/components/orders/orders-href";
import { OrdersTable, type OrdersTableRow } from "@/components/orders/orders-table";
import { findResendableOrderIdsAction, resendOrderAction, resendOrdersAction } from "./actions";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { ORDER_STATUSES, type OrderStatus } from "@/db/schema";
import { ORDER_STATUS_LABELS } from "@/lib/alerts/kinds";
import { formatAge, formatDateTime, formatDay } from "@/lib/format/time";
import { countOrdersByStatus, listOrders } from "@/lib/orders/list-orders";
import { isResendable, OrderFilter, RESENDABLE_STATUSES } from "@/lib/orders/order-filter";
import { listMerchants } from "@/lib/tenancy/list-merchants";
import { isWarehouseUser } from "@/lib/tenancy/scope";
import { getCurrentUser } from "../../_lib/current-scope";

export const metadata: Metadata = { title: "Orders" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EMPTY_TITLES: Record<OrderStatus, string> = {
  new: "No new orders",
  at_wms: "No orders waiting at the WMS",
  shipped: "No shipped orders",
  error: "No orders are failing",
  held: "No orders are held",
  skipped: "No skipped orders",
  canceled: "No canceled orders",
};

/** Views that are about why an order did not reach the WMS show the reason. */
const REASON_VIEWS: OrderStatus[] = ["error", "held", "skipped"];

export default async function OrdersPage({ searchParams }: Props) {
  const { scope, timeZone } = await getCurrentUser();
  const query = await searchParams;
  const one = (key: string) => (Array.isArray(query[key]) ? query[key][0] : query[key]);
  const filter = OrderFilter.parse({ status: one("status"), merchantId: one("merchant"), method: one("method"), q: one("q") });
  const beforeId = Number(one("before")) > 0 ? Number(one("before")) : undefined;
  const per = pageSize(one("per"));
  const db = getDb();
  const showMerchant = isWarehouseUser(scope);
  const [{ rows, nextBeforeId }, counts, merchants] = await Promise.all([
    listOrders(db, scope, { ...filter, beforeId, limit: per }),
    countOrdersByStatus(db, scope, filter),
    showMerchant ? listMerchants(db, scope) : Promise.resolve([]),
  ]);
  const now = new Date();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const matching = filter.status ? (counts[filter.status] ?? 0) : total;
  const resendableTotal = filter.status
    ? isResendable(filter.status)
      ? matching
      : 0
    : RESENDABLE_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const tableRows: OrdersTableRow[] = rows.map((o) => ({
    id: o.id,
    version: o.version,
    orderNumber: o.orderNumber,
    status: o.status,
    merchantName: o.merchantName,
    shipToName: o.shipTo.name,
    shipToPlace: [[o.shipTo.city, o.shipTo.region].filter(Boolean).join(", "), o.shipTo.country].join(" · "),
    shipMethodLabel: o.shipMethodLabel,
    items: o.lines.reduce((n, l) => n + l.quantity, 0),
    placed: formatAge(o.placedAt, now),
    placedAt: formatDateTime(o.placedAt, timeZone),
    reason: o.status === "error" || o.status === "held" || o.status === "skipped" ? o.lastError : null,
    skippedOn: o.skippedAt ? formatDay(o.skippedAt, now, timeZone) : null,
    skippedAt: o.skippedAt ? formatDateTime(o.skippedAt, timeZone) : null,
    resendable: isResendable(o.status),
  }));
  const view = filter.status === "skipped" ? "skipped" : filter.status && REASON_VIEWS.includes(filter.status) ? "reason" : "default";
  const tab = (active: boolean) =>
    `inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 ${
      active ? "bg-indigo-600 text-white" : "bg-white text-slate-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50"
    }`;
  const filtered = Boolean(filter.q || filter.merchantId || filter.method);
  return (
    <>
      <PageHeader
        title={filter.status === "skipped" ? "Skipped orders" : "Orders"}
        description={
          filter.status === "skipped"
            ? "Orders Fixline gave up on after 15 days of failed tries. Correct them if needed, then resend them to the WMS."
            : "Every order imported from the carts, and where it is on its way to the warehouse."
        }
      />
      <OrderFilters filter={filter} merchants={merchants} per={per} />
      <nav className="mb-4 flex flex-wrap gap-2" aria-label="Order status">
        <Link
          href={ordersHref({ ...filter, per, status: undefined })}
          className={tab(!filter.status)}
          aria-current={!filter.status ? "page" : undefined}
        >
          All <span className={!filter.status ? "text-indigo-100" : "text-slate-500"}>{total}</span>
        </Link>
        {ORDER_STATUSES.map((s) => (
          <Link
            key={s}
            href={ordersHref({ ...filter, per, status: s })}
            className={tab(s === filter.status)}
            aria-current={s === filter.status ? "page" : undefined}
          >
            {ORDER_STATUS_LABELS[s]} <span className={s === filter.status ? "text-indigo-100" : "text-slate-500"}>{counts[s] ?? 0}</span>
          </Link>
        ))}
      </nav>
      {/* The table stays mounted when a bulk send empties the view, so its summary stays on screen. */}
      <OrdersTable
        actions={{ resendOne: resendOrderAction, resendMany: resendOrdersAction, findIds: findResendableOrderIdsAction }}
        key={JSON.stringify({ filter, beforeId, per })}
        rows={tableRows}
        filter={filter}
        matching={matching}
        resendableTotal={resendableTotal}
        showMerchant={showMerchant}
        view={view}
        empty={
          <EmptyState
            title={
              beforeId
                ? "No older orders"
                : filtered
                  ? "No orders match these filters"
                  : filter.status
                    ? EMPTY_TITLES[filter.status]
                    : "No orders yet"
            }
          >
            {filtered ? (
              <Link href={ordersHref({ status: filter.status, per })} className="text-indigo-700 hover:underline">
                Clear the search and filters
              </Link>
            ) : filter.status ? (
              <Link href={ordersHref({ per })} className="text-indigo-700 hover:underline">
                See all orders
              </Link>
            ) : (
              "Orders arrive from the carts through their connections."
            )}
          </EmptyState>
        }
      />
      <div className="mt-4 flex items-center justify-between text-sm">
        {beforeId ? (
          <Link href={ordersHref({ ...filter, per })} className="font-medium text-indigo-700 hover:underline">
            ← Newest orders
          </Link>
        ) : (
          <span />
        )}
        {nextBeforeId ? (
          <Link href={ordersHref({ ...filter, per, before: nextBeforeId })} className="font-medium text-indigo-700 hover:underline">
            Older orders →
          </Link>
        ) : null}
      </div>
    </>
  );
}
