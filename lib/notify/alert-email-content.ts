import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, deliveries, orders, type Alert, type Connection, type Delivery } from "@/db/schema";
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import { formatDateTime } from "../format/time";
import type { AlertEmailContent, AlertFacts, EmailFooter } from "./email-models";
import type { ImmediateKind } from "./find-due-alert-emails";
import { alertUrl, fixUrl, orderUrl, profileUrl, unsubscribePageUrl, type LinkConfig } from "./links";
import type { Recipient } from "./recipients";

/** An alert with what its emails mention: the merchant, the connection, the record and its order. */
export type AlertContext = {
  alert: Alert;
  merchantName: string;
  connection: Connection | null;
  delivery: Delivery | null;
  shipMethodLabel: string | null;
};

export async function loadAlertContexts(db: DbOrTx, alertIds: number[]): Promise<Map<number, AlertContext>> {
  if (alertIds.length === 0) return new Map();
  const rows = await db
    .select({ alert: alerts, merchantName: accounts.name, connection: connections, delivery: deliveries, shipMethodLabel: orders.shipMethodLabel })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .leftJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
    .leftJoin(orders, eq(orders.id, alerts.orderId))
    .where(inArray(alerts.id, [...new Set(alertIds)]));
  return new Map(rows.map((r) => [r.alert.id, r]));
}

export function alertFacts({ alert, merchantName, connection }: AlertContext): AlertFacts {
  return {
    kindLabel: ALERT_KIND_LABELS[alert.kind],
    merchantName,
    connectionName: connection?.name ?? null,
    message: alert.message,
    orderNumber: alert.orderNumber,
    productCode: alert.productCode,
    httpStatus: alert.httpStatus,
    firstSeen: formatDateTime(alert.firstSeenAt),
    occurrences: alert.occurrences,
  };
}

/** "Order #1042", "Inventory of SKU-1", "Tracking for #1042": the record an alert is about. */
export function recordLabel({ alert, delivery }: AlertContext): string {
  if (delivery?.kind === "inventory_to_cart") return `Inventory of ${alert.productCode ?? "a product"}`;
  if (delivery?.kind === "tracking_to_cart") return `Tracking for ${alert.orderNumber ?? "an order"}`;
  return alert.orderNumber ? `Order ${alert.orderNumber}` : "The record";
}

function whatToDo(ctx: AlertContext): string {
  const { alert } = ctx;
  if (alert.kind === "address_invalid") return "Correct the ship-to address on the order page. Saving it sends the order to the WMS at once.";
  if (alert.kind === "ship_method_unmapped") {
    const label = ctx.shipMethodLabel ? `'${ctx.shipMethodLabel}'` : "this ship method";
    return `Map ${label} to a carrier service. Every order held on it is sent at once, this one included.`;
  }
  const target = ctx.connection?.name ?? "the receiving system";
  return `${target} says a person must act on this record. Fix what the message asks for, then resend it from the page below.`;
}

/** The content of an immediate email about one alert. */
export function immediateEmailContent(kind: ImmediateKind, ctx: AlertContext, appUrl: string, now: Date): AlertEmailContent {
  const { alert, delivery, connection } = ctx;
  const facts = alertFacts(ctx);
  const onAlert = alertUrl(appUrl, alert.id);
  const isOrder = alert.orderId != null;
  switch (kind) {
    case "action_needed":
      return { template: "action-needed", alert: facts, whatToDo: whatToDo(ctx), fixUrl: fixUrl(appUrl, alert), fixLabel: isOrder ? `Fix order ${alert.orderNumber ?? ""}`.trim() : "Open the alert", alertUrl: onAlert };
    case "record_skipped":
      return {
        template: "record-skipped",
        alert: facts,
        recordLabel: recordLabel(ctx),
        attempts: delivery?.attempts ?? alert.occurrences,
        triedSince: delivery?.firstFailureAt ? formatDateTime(delivery.firstFailureAt) : null,
        resendUrl: fixUrl(appUrl, alert),
        resendLabel: isOrder ? "Review and resend the order" : "Review and retry the record",
        alertUrl: onAlert,
      };
    case "giving_up_soon":
      return {
        template: "giving-up-soon",
        alert: facts,
        recordLabel: recordLabel(ctx),
        giveUpAt: formatDateTime(alert.giveUpAt ?? now),
        hoursLeft: Math.max(1, Math.round(((alert.giveUpAt?.getTime() ?? now.getTime()) - now.getTime()) / 3_600_000)),
        attempts: delivery?.attempts ?? alert.occurrences,
        nextTry: delivery?.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt) : null,
        fixUrl: isOrder ? orderUrl(appUrl, alert.orderId!) : onAlert,
        alertUrl: onAlert,
      };
    case "connection_down":
      return { template: "connection-down", connectionName: connection?.name ?? "A connection", platform: connection?.platform ?? "", merchantName: ctx.merchantName, since: formatDateTime(alert.firstSeenAt), message: alert.message, alertUrl: onAlert };
    case "connection_recovered": {
      const recoveredAt = alert.resolvedAt ?? now;
      return {
        template: "connection-recovered",
        connectionName: connection?.name ?? "A connection",
        platform: connection?.platform ?? "",
        merchantName: ctx.merchantName,
        downSince: formatDateTime(alert.firstSeenAt),
        recoveredAt: formatDateTime(recoveredAt),
        downFor: formatDuration(recoveredAt.getTime() - alert.firstSeenAt.getTime()),
        alertUrl: onAlert,
      };
    }
  }
}

const REASONS: Record<ImmediateKind | "digest", (c: Recipient) => string> = {
  action_needed: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline. Alerts that need a person go at once to every contact whose emails are not off.`,
  record_skipped: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline. Skipped records go at once to every contact whose emails are not off.`,
  giving_up_soon: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline. Records about to be skipped are announced to every contact whose emails are not off.`,
  connection_down: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline with emails set to "Immediately".`,
  connection_recovered: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline and was told this connection was down.`,
  digest: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline with emails set to "${FREQUENCY_LABELS[c.frequency]}".`,
};

export const FREQUENCY_LABELS = { immediate: "Immediately", hourly: "Hourly digest", daily: "Daily digest", weekly: "Weekly digest", off: "Off" } as const;

export function emailFooter(contact: Recipient, why: ImmediateKind | "digest", links: LinkConfig): EmailFooter {
  return {
    recipientEmail: contact.email,
    accountName: contact.accountName,
    reason: REASONS[why](contact),
    unsubscribeUrl: unsubscribePageUrl(links, contact),
    profileUrl: profileUrl(links.appUrl),
  };
}

/** "2 h 14 min", "3 days 4 h", "12 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? "day" : "days"}${hours % 24 ? ` ${hours % 24} h` : ""}`;
}
