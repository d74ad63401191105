import type { Metadata } from "next";
import Link from "next/link";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { ORDER_STATUSES, type OrderStatus } from "@/db/schema";
import { ORDER_STATUS_LABELS } from "@/lib/alerts/kinds";
import { formatAge } from "@/lib/format/time";
import { countOrdersByStatus, listOrders } from "@/lib/orders/list-orders";
import { isWarehouseUser } from "@/lib/tenancy/scope";
import { getCurrentUser } from "../../_lib/current-scope";

export const metadata: Metadata = { title: "Orders" };

type Props = { searchParams: Promise<{ status?: string; before?: string }> };

export default async function OrdersPage({ searchParams }: Props) {
  const { scope } = await getCurrentUser();
  const query = await searchParams;
  const status = ORDER_STATUSES.includes(query.status as OrderStatus) ? (query.status as OrderStatus) : undefined;
  const beforeId = Number(query.before) > 0 ? Number(query.before) : undefined;
  const db = getDb();
  const [{ rows, nextBeforeId }, counts] = await Promise.all([
    listOrders(db, scope, { status, beforeId }),
    countOrdersByStatus(db, scope),
  ]);
  const now = new Date();
  const tab = (s?: OrderStatus) =>
    `rounded-full px-3 py-1 text-sm ${s === status ? "bg-indigo-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeader title="Orders" description="Every order imported from the carts, and where it is on its way to the warehouse." />
      <div className="mb-4 flex flex-wrap gap-2" role="navigation" aria-label="Order status">
        <Link href="/orders" className={tab(undefined)}>
          All <span className="opacity-70">{total}</span>
        </Link>
        {ORDER_STATUSES.map((s) => (
          <Link key={s} href={`/orders?status=${s}`} className={tab(s)}>
            {ORDER_STATUS_LABELS[s]} <span className="opacity-70">{counts[s] ?? 0}</span>
          </Link>
        ))}
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No orders here">Orders arrive from the carts through their connections.</EmptyState>
      ) : (
        <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Order</th>
                {isWarehouseUser(scope) ? <th className="px-4 py-3">Merchant</th> : null}
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3">Ship to</th>
                <th className="px-4 py-3">Ship method</th>
                <th className="px-4 py-3">Items</th>
                <th className="px-4 py-3">Placed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((o) => (
                <tr key={o.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3 font-mono font-semibold">
                    <Link href={`/orders/${o.id}`} prefetch={false} className="text-indigo-700 hover:underline">
                      {o.orderNumber}
                    </Link>
                  </td>
                  {isWarehouseUser(scope) ? <td className="px-4 py-3 text-slate-700">{o.merchantName}</td> : null}
                  <td className="px-4 py-3">
                    <OrderStatusBadge status={o.status} />
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {o.shipTo.name}, {o.shipTo.city} {o.shipTo.country}
                  </td>
                  <td className="px-4 py-3 text-slate-700">{o.shipMethodLabel}</td>
                  <td className="px-4 py-3 text-slate-700">{o.lines.reduce((n, l) => n + l.quantity, 0)}</td>
                  <td className="px-4 py-3 text-slate-500">{formatAge(o.placedAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBeforeId ? (
        <div className="mt-4 text-right text-sm">
          <Link href={`/orders?${new URLSearchParams({ ...(status ? { status } : {}), before: String(nextBeforeId) })}`} className="text-indigo-600 hover:underline">
            Older orders →
          </Link>
        </div>
      ) : null}
    </>
  );
}
