import type { Metadata } from "next";
import Link from "next/link";
import { AlertHistory } from "@/components/alerts/alert-history";
import { AlertKindBadge } from "@/components/alerts/alert-kind-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { FieldList } from "@/components/ui/field-list";
import { getDb } from "@/db/client";
import { getAlert } from "@/lib/alerts/get-alert";
import { formatDateTime } from "@/lib/format/time";
import { getCurrentUser, idParam, orNotFound } from "../../../_lib/current-scope";

export const metadata: Metadata = { title: "Alert" };

const STATE_TONE = { open: "red", resolved: "green", dismissed: "gray" } as const;

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope } = await getCurrentUser();
  const id = idParam((await params).id);
  const { alert, merchantName, connection, delivery, history } = await orNotFound(getAlert(getDb(), scope, id));
  const when = (d: Date | null | undefined) => (d ? formatDateTime(d) : null);
  return (
    <>
      <Link href="/alerts" className="text-sm text-indigo-600 hover:underline">
        ← Alerts
      </Link>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <AlertKindBadge kind={alert.kind} />
        <Badge tone={STATE_TONE[alert.state]}>{alert.state[0]!.toUpperCase() + alert.state.slice(1)}</Badge>
        {alert.needsPerson && alert.state === "open" ? <Badge tone="amber">Needs you</Badge> : null}
      </div>
      <h1 className="mt-3 text-xl font-semibold text-slate-900">
        {alert.orderNumber ? `Order ${alert.orderNumber}` : alert.productCode ? `Product ${alert.productCode}` : connection?.name}
      </h1>
      <blockquote className="mt-3 rounded-lg border-l-4 border-red-300 bg-white px-4 py-3 font-mono text-sm text-slate-800 ring-1 ring-slate-200" data-testid="remote-message">
        {alert.message}
      </blockquote>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card title="What Fixline knows" className="lg:col-span-2">
          <FieldList
            fields={[
              ["Merchant", merchantName],
              ["Order", alert.orderId && alert.orderNumber ? <Link className="text-indigo-600 hover:underline" href={`/orders/${alert.orderId}`}>{alert.orderNumber}</Link> : alert.orderNumber],
              ["Product code", alert.productCode],
              ["Connection", connection ? `${connection.name} (${connection.platform})` : null],
              ["HTTP status", alert.httpStatus],
              ["Error code", alert.errorCode],
              ["Occurrences", alert.occurrences],
              ["Attempts", delivery?.attempts],
              ["First seen", when(alert.firstSeenAt)],
              ["Last seen", when(alert.lastSeenAt)],
              ["Gives up", alert.state === "open" ? when(alert.giveUpAt) : null],
              ["Resolved", when(alert.resolvedAt)],
              ["Dismissed", when(alert.dismissedAt)],
            ]}
          />
          {alert.orderId ? (
            <Link
              href={`/orders/${alert.orderId}`}
              className="mt-5 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
            >
              Open the order
            </Link>
          ) : null}
        </Card>
        <Card title="History">
          <AlertHistory history={history} />
        </Card>
      </div>
    </>
  );
}
