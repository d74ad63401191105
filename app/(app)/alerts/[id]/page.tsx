import type { Metadata } from "next";
import Link from "next/link";
import { AlertActions } from "@/components/alerts/alert-actions";
import { AlertHistory } from "@/components/alerts/alert-history";
import { AlertKindBadge } from "@/components/alerts/alert-kind-badge";
import { ExplanationCard } from "@/components/error-library/explanation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { FieldList } from "@/components/ui/field-list";
import { getDb } from "@/db/client";
import { getAlert } from "@/lib/alerts/get-alert";
import { explainAlert, rulesInScope } from "@/lib/error-library/explain-alert";
import { canMakeErrorRules } from "@/lib/error-library/rule-access";
import { statusLine } from "@/lib/alerts/status-line";
import { formatDateTime } from "@/lib/format/time";
import { isoDate, localParts } from "@/lib/ship-by/zoned-time";
import { getCurrentUser, idParam, orNotFound } from "../../../_lib/current-scope";
import { dismissAlertAction, retryAlertAction, snoozeAlertAction } from "../actions";
import { openFor } from "@/lib/alerts/alert-age";
import { shipByLine } from "@/lib/ship-by/ship-by-line";

export const metadata: Metadata = { title: "Alert" };

const STATE_TONE = { open: "red", resolved: "green", dismissed: "gray" } as const;

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope, timeZone } = await getCurrentUser();
  const id = idParam((await params).id);
  const db = getDb();
  const [{ alert, merchantName, connection, delivery, history }, rules] = await Promise.all([
    orNotFound(getAlert(db, scope, id)),
    rulesInScope(db, scope),
  ]);
  const explanation = explainAlert(
    {
      ...alert,
      connectionPlatform: connection?.platform ?? null,
      connectionKind: connection?.kind ?? null,
      deliveryKind: delivery?.kind ?? null,
    },
    rules,
  );
  const teachHref = alert.state === "open" && canMakeErrorRules(scope) ? `/settings/error-library/new?alert=${alert.id}` : null;
  const when = (d: Date | null | undefined) => (d ? formatDateTime(d, timeZone) : null);
  const now = new Date();
  const status = statusLine(
    {
      ...alert,
      deliveryKind: delivery?.kind ?? null,
      deliveryStatus: delivery?.status ?? null,
      nextAttemptAt: delivery?.nextAttemptAt ?? null,
      syncIntervalMinutes: connection?.syncIntervalMinutes ?? null,
    },
    now,
    timeZone,
  );
  const tomorrow = isoDate(localParts(new Date(now.getTime() + 86_400_000), timeZone));
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
      <p className="mt-2 text-sm font-medium text-slate-700" data-testid="alert-status">
        {status.text}
      </p>
      <div className="mt-3">
        <ExplanationCard explanation={explanation} message={alert.message} teachHref={teachHref} timeZone={timeZone} />
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="What Fixline knows">
            <FieldList
              fields={[
                ["Merchant", merchantName],
                [
                  "Order",
                  alert.orderId && alert.orderNumber ? (
                    <Link className="text-indigo-600 hover:underline" href={`/orders/${alert.orderId}`}>
                      {alert.orderNumber}
                    </Link>
                  ) : (
                    alert.orderNumber
                  ),
                ],
                ["Product code", alert.productCode],
                ["Connection", connection ? `${connection.name} (${connection.platform})` : null],
                ["HTTP status", alert.httpStatus],
                ["Error code", alert.errorCode],
                ["Occurrences", alert.occurrences],
                ["Attempts", delivery?.attempts],
                ["Age", openFor(alert, now)],
                [
                  "Ship-by",
                  alert.shipBy
                    ? `${when(alert.shipBy)}${alert.state === "open" ? ` — ${shipByLine(alert.shipBy, now)?.text.toLowerCase()}` : ""}`
                    : null,
                ],
                ["First seen", when(alert.firstSeenAt)],
                ["Last seen", when(alert.lastSeenAt)],
                ["Gives up", alert.state === "open" ? when(alert.giveUpAt) : null],
                ["Next try", alert.state === "open" && delivery?.status === "retrying" ? when(delivery.nextAttemptAt) : null],
                ["Snoozed until", alert.snoozedUntil && alert.snoozedUntil > now ? when(alert.snoozedUntil) : null],
                ["Resolved", when(alert.resolvedAt)],
                ["Dismissed", when(alert.dismissedAt)],
              ]}
            />
            {alert.orderId ? (
              <Link
                href={`/orders/${alert.orderId}`}
                className="mt-5 inline-block rounded-md px-3 py-2 text-sm font-semibold text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50"
              >
                {alert.needsPerson ? "Fix the order →" : "Open the order →"}
              </Link>
            ) : null}
          </Card>
          {/* Rendered for closed alerts too, so the result of the action that closed it stays on screen. */}
          <Card title="Actions">
            <AlertActions
              actions={{ retry: retryAlertAction, dismiss: dismissAlertAction, snooze: snoozeAlertAction }}
              alertId={alert.id}
              open={alert.state === "open"}
              canRetry={Boolean(alert.deliveryId || alert.kind === "connection_down")}
              tomorrow={tomorrow}
            />
          </Card>
        </div>
        <Card title="History">
          <AlertHistory history={history} timeZone={timeZone} />
        </Card>
      </div>
    </>
  );
}
