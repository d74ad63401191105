import type { Metadata } from "next";
import Link from "next/link";
import { AlertKindBadge } from "@/components/alerts/alert-kind-badge";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { getOrder } from "@/lib/orders/get-order";
import { getCurrentUser, idParam, orNotFound } from "../../../_lib/current-scope";

export const metadata: Metadata = { title: "Order" };

const DELIVERY_LABELS = { order_to_wms: "Order → WMS", tracking_to_cart: "Tracking → cart", inventory_to_cart: "Inventory → cart" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope } = await getCurrentUser();
  const id = idParam((await params).id);
  const { order, merchantName, deliveries, alerts } = await orNotFound(getOrder(getDb(), scope, id));
  const a = order.shipTo;
  return (
    <>
      <Link href="/orders" className="text-sm text-indigo-600 hover:underline">
        ← Orders
      </Link>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold text-slate-900">{order.orderNumber}</h1>
        <OrderStatusBadge status={order.status} />
        <span className="text-sm text-slate-500">
          {merchantName} · placed {formatDateTime(order.placedAt)}
        </span>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card title="Ship to">
          <address className="text-sm not-italic leading-6 text-slate-800" data-testid="ship-to">
            {a.name}
            {a.company ? <><br />{a.company}</> : null}
            <br />
            {a.line1}
            {a.line2 ? <><br />{a.line2}</> : null}
            <br />
            {[a.city, a.region, a.postalCode].filter(Boolean).join(", ")}
            <br />
            {a.country}
          </address>
          <p className="mt-4 text-sm text-slate-600">
            Ship method: <span className="font-medium text-slate-900">{order.shipMethodLabel}</span>
          </p>
        </Card>
        <Card title="Lines" className="lg:col-span-2">
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1">SKU</th>
                <th className="py-1">Item</th>
                <th className="py-1 text-right">Qty</th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l, i) => (
                <tr key={`${l.sku}-${i}`} className="border-t border-slate-100">
                  <td className="py-2 font-mono">{l.sku}</td>
                  <td className="py-2">{l.name}</td>
                  <td className="py-2 text-right">{l.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Deliveries" className="lg:col-span-2">
          {deliveries.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing has been sent for this order.</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {deliveries.map(({ delivery: d, connectionName }) => (
                <li key={d.id} className="rounded-lg bg-slate-50 px-4 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{DELIVERY_LABELS[d.kind]}</span>
                    <Badge tone={d.status === "succeeded" ? "green" : d.status === "pending" ? "indigo" : "red"}>{d.status}</Badge>
                    <span className="text-slate-500">
                      {connectionName} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                    </span>
                  </div>
                  {d.lastError && d.status !== "succeeded" ? <p className="mt-1 font-mono text-xs text-slate-700">{d.lastError}</p> : null}
                  {d.nextAttemptAt && d.status === "retrying" ? (
                    <p className="mt-1 text-xs text-slate-500">
                      Next try {formatDateTime(d.nextAttemptAt)}
                      {d.giveUpAt ? ` · gives up ${formatDateTime(d.giveUpAt)}` : ""}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Alerts">
          {alerts.length === 0 ? (
            <p className="text-sm text-slate-600">No alerts for this order.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {alerts.map((al) => (
                <li key={al.id}>
                  <Link href={`/alerts/${al.id}`} className="flex flex-wrap items-center gap-2 hover:underline">
                    <AlertKindBadge kind={al.kind} />
                    <span className="text-slate-600">{al.state}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
