import type { Metadata } from "next";
import Link from "next/link";
import { AlertHistory } from "@/components/alerts/alert-history";
import { AlertKindBadge } from "@/components/alerts/alert-kind-badge";
import { DeliveryList } from "@/components/orders/delivery-list";
import { OrderFixForm } from "@/components/orders/order-fix-form";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { ResendOrderButton } from "@/components/orders/resend-order-button";
import { ExplanationNote } from "@/components/error-library/explanation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { explainAlert, rulesInScope } from "@/lib/error-library/explain-alert";
import { describeSchedule } from "@/lib/format/delivery";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { getOrder, HISTORY_LIMIT } from "@/lib/orders/get-order";
import { isResendable } from "@/lib/orders/order-filter";
import { DEFAULT_RETRY_SETTINGS } from "@/lib/retry/policy";
import { listShipMethodMappings } from "@/lib/settings/list-settings";
import { getCurrentUser, idParam, orNotFound } from "../../../_lib/current-scope";
import { resendOrderAction, saveAndResendAction } from "../actions";

export const metadata: Metadata = { title: "Order" };

const FIX_HINT: Record<string, string> = {
  address_invalid: "Correct the ship-to address below, then Save & resend.",
  ship_method_unmapped:
    "Choose a mapped ship method below, or map this label once on the Ship methods page: that releases every order held on it.",
  record_skipped: "Fixline stopped retrying this order. Correct it if needed, then Save & resend or Resend to WMS.",
};

const LOCKED_NOTE: Partial<Record<string, string>> = {
  at_wms: "The WMS has accepted this order: change it in the WMS.",
  shipped: "This order has shipped: it can no longer be changed.",
  canceled: "This order was canceled: it can no longer be changed.",
};

function sendingNote(leaseExpiresAt: Date, connectionName: string, timeZone: string): string {
  const since = new Date(leaseExpiresAt.getTime() - DEFAULT_RETRY_SETTINGS.leaseMs);
  return `Fixline started sending this order to ${connectionName} at ${formatDateTime(since, timeZone)} and is waiting for its answer. Save & resend and Resend to WMS wait until then, so that your change is not lost behind the version being sent: reload in a minute. If ${connectionName} accepts that version, the order locks and any change is made in the WMS; if not, correct it here.`;
}

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope, timeZone } = await getCurrentUser();
  const id = idParam((await params).id);
  const db = getDb();
  // Read together: one round trip after the session's (bench/round-trips.ts).
  const [{ order, merchantName, warehouseId, deliveries, alerts, history }, mappings, rules] = await Promise.all([
    orNotFound(getOrder(db, scope, id)),
    listShipMethodMappings(db, scope),
    rulesInScope(db, scope),
  ]);
  const mappedLabels = mappings.filter((m) => m.warehouseId === warehouseId).map((m) => m.cartLabel);
  const now = new Date();
  const fixable = isResendable(order.status);
  const needsYou = alerts.find((a) => a.state === "open" && a.needsPerson);
  const toWms = deliveries.find((d) => d.delivery.kind === "order_to_wms");
  const failing = !needsYou && toWms?.delivery.status === "retrying" ? toWms : null;
  const explain = (a: {
    kind: (typeof alerts)[number]["kind"];
    message: string;
    errorCode: string | null;
    httpStatus: number | null;
    productCode: string | null;
    deliveryId: number | null;
  }) => {
    const d = deliveries.find((x) => x.delivery.id === a.deliveryId) ?? toWms;
    return explainAlert(
      {
        ...a,
        orderId: order.id,
        connectionPlatform: d?.connectionPlatform ?? null,
        connectionKind: d?.connectionKind ?? null,
        deliveryKind: d?.delivery.kind ?? null,
      },
      rules,
    );
  };
  // A worker holds the order's record (docs/rules.md#r7): edits and resends wait for the WMS's answer (docs/rules.md#r9).
  const sending =
    fixable && toWms?.delivery.leaseExpiresAt && toWms.delivery.leaseExpiresAt > now
      ? sendingNote(toWms.delivery.leaseExpiresAt, toWms.connectionName, timeZone)
      : null;
  return (
    <>
      <Link
        href="/orders"
        className="rounded text-sm font-medium text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
      >
        ← Orders
      </Link>
      <div className="mt-3 flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="font-mono text-2xl font-semibold text-slate-900">{order.orderNumber}</h1>
            <span data-testid="order-status">
              <OrderStatusBadge status={order.status} />
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {merchantName} · placed {formatDateTime(order.placedAt, timeZone)} ({formatAge(order.placedAt, now)})
          </p>
        </div>
        <ResendOrderButton
          resend={resendOrderAction}
          orderId={order.id}
          version={order.payloadVersion}
          canResend={fixable}
          sending={Boolean(sending)}
          className="flex max-w-md flex-col items-end"
        />
      </div>
      {sending ? (
        <div
          className="mt-5 rounded-xl border-l-4 border-sky-400 bg-sky-50 px-5 py-4 ring-1 ring-sky-200"
          data-testid="sending-now"
          role="status"
        >
          <p className="text-sm font-semibold text-sky-900">Being sent right now</p>
          <p className="mt-1 text-sm text-slate-800">{sending}</p>
        </div>
      ) : null}
      {needsYou ? (
        <div className="mt-5 rounded-xl border-l-4 border-amber-400 bg-amber-50 px-5 py-4 ring-1 ring-amber-200" data-testid="needs-you">
          <p className="text-sm font-semibold text-amber-900">Needs you</p>
          <ExplanationNote explanation={explain(needsYou)} message={needsYou.message} />
          <p className="mt-2 text-sm text-amber-900">
            {FIX_HINT[needsYou.kind] ?? "Fix what it names, then Save & resend or Resend to WMS."}
          </p>
        </div>
      ) : null}
      {failing ? (
        <div className="mt-5 rounded-xl border-l-4 border-red-400 bg-white px-5 py-4 ring-1 ring-red-200" data-testid="still-failing">
          <p className="text-sm font-semibold text-red-800">Failing — Fixline retries it by itself</p>
          {failing.delivery.lastError ? (
            <ExplanationNote
              explanation={explain({
                kind: "order_send_failed",
                message: failing.delivery.lastError,
                errorCode: failing.delivery.lastErrorCode,
                httpStatus: failing.delivery.lastHttpStatus,
                productCode: null,
                deliveryId: failing.delivery.id,
              })}
              message={failing.delivery.lastError}
            />
          ) : null}
          <p className="mt-2 text-sm text-slate-700">
            {describeSchedule(failing.delivery, failing.syncIntervalMinutes, now, timeZone)}. Resend to WMS tries it now.
          </p>
        </div>
      ) : null}
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={fixable ? "Ship-to address and ship method" : "Ship to"}>
            <OrderFixForm
              save={saveAndResendAction}
              orderId={order.id}
              version={order.payloadVersion}
              inFlightNote={sending}
              shipTo={order.shipTo}
              shipMethodLabel={order.shipMethodLabel}
              mappedLabels={mappedLabels}
              lockedNote={fixable ? null : (LOCKED_NOTE[order.status] ?? "This order can no longer be changed here.")}
            />
          </Card>
          <Card title="History">
            {history.length ? (
              <AlertHistory history={[...history].reverse()} timeZone={timeZone} />
            ) : (
              <p className="text-sm text-slate-600">Nothing has gone wrong with this order.</p>
            )}
            {history.length >= HISTORY_LIMIT ? (
              <p className="mt-4 text-xs text-slate-600">The latest {HISTORY_LIMIT} entries; each alert below has its full history.</p>
            ) : null}
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Deliveries">
            <DeliveryList deliveries={deliveries} now={now} timeZone={timeZone} />
          </Card>
          <Card title="Lines">
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  <th className="py-1 font-semibold">SKU</th>
                  <th className="py-1 text-right font-semibold">Qty</th>
                </tr>
              </thead>
              <tbody>
                {order.lines.map((l, i) => (
                  <tr key={`${l.sku}-${i}`} className="border-t border-slate-100">
                    <td className="py-2">
                      <span className="font-mono text-slate-900">{l.sku}</span>
                      {l.name ? <span className="block text-xs text-slate-500">{l.name}</span> : null}
                    </td>
                    <td className="py-2 text-right align-top tabular-nums">{l.quantity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card title="Alerts">
            {alerts.length === 0 ? (
              <p className="text-sm text-slate-600">No alerts for this order.</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="order-alerts">
                {alerts.map((al) => (
                  <li key={al.id}>
                    <Link
                      href={`/alerts/${al.id}`}
                      className="flex flex-wrap items-center gap-2 rounded hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
                    >
                      <AlertKindBadge kind={al.kind} />
                      <span className="text-slate-700">
                        {al.state === "open" ? "Open" : al.state === "resolved" ? "Resolved" : "Dismissed"}
                      </span>
                      <span className="text-xs text-slate-500">{formatAge(al.lastSeenAt, now)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
