import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  accounts,
  alerts,
  connections,
  deliveries,
  orders,
  type Alert,
  type Connection,
  type Delivery,
  type OrderStatus,
} from "@/db/schema";
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import type { RuleInForce } from "../error-library/diagnose";
import { explainAlert, rulesOfWarehouses } from "../error-library/explain-alert";
import type { AlertFacts, EmailFooter, HeldRecords } from "./email-models";
import type { ImmediateKind } from "./find-due-alert-emails";
import { profileUrl, unsubscribePageUrl, type LinkConfig } from "./links";
import type { Recipient } from "./recipients";

/** An alert with what its emails mention: the merchant, the connection, the record and its order. */
export type AlertContext = {
  alert: Alert;
  merchantName: string;
  connection: Connection | null;
  delivery: Delivery | null;
  shipMethodLabel: string | null;
  /** The order's status now (an order the WMS accepted has nothing to resend). */
  orderStatus: OrderStatus | null;
  /** For a connection's alert: the records it holds (held-records.ts). */
  held?: HeldRecords;
  /** The error rules of the merchant's warehouse: the explanation follows them as the pages do. */
  rules?: RuleInForce[];
};

export async function loadAlertContexts(db: DbOrTx, alertIds: number[]): Promise<Map<number, AlertContext>> {
  if (alertIds.length === 0) return new Map();
  const rows = await db
    .select({
      alert: alerts,
      merchantName: accounts.name,
      connection: connections,
      delivery: deliveries,
      shipMethodLabel: orders.shipMethodLabel,
      orderStatus: orders.status,
      warehouseId: accounts.warehouseId,
    })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .leftJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
    .leftJoin(orders, eq(orders.id, alerts.orderId))
    .where(inArray(alerts.id, [...new Set(alertIds)]));
  const rules = await rulesOfWarehouses(db, [...new Set(rows.flatMap((r) => r.warehouseId ?? []))]);
  return new Map(
    rows.map(({ warehouseId, ...r }) => [r.alert.id, { ...r, rules: rules.filter((rule) => rule.warehouseId === warehouseId) }]),
  );
}

/** The error library's explanation of an alert, for an email (docs/error-library.md). */
export function emailExplanation({ alert, connection, delivery, rules }: AlertContext) {
  const e = explainAlert(
    {
      ...alert,
      connectionPlatform: connection?.platform ?? null,
      connectionKind: connection?.kind ?? null,
      deliveryKind: delivery?.kind ?? null,
    },
    rules ?? [],
  );
  return {
    headline: e.headline,
    cause: e.cause,
    action: e.action.label,
    fixer: e.fixerLabel.replace(/^The /, "the ").replace(/^Nobody: /, "nobody, "),
    explained: e.explained,
  };
}

/** The facts every alert email shows, its times written by `fmt` (in the reader's zone). */
export function alertFacts(ctx: AlertContext, fmt: (at: Date) => string): AlertFacts {
  const { alert, merchantName, connection } = ctx;
  return {
    kindLabel: ALERT_KIND_LABELS[alert.kind],
    explanation: emailExplanation(ctx),
    merchantName,
    connectionName: connection?.name ?? null,
    message: alert.message,
    orderNumber: alert.orderNumber,
    productCode: alert.productCode,
    httpStatus: alert.httpStatus,
    firstSeen: fmt(alert.firstSeenAt),
    occurrences: alert.occurrences,
  };
}

/** "Order #1042", "Inventory of SKU-1", "Tracking for #1042": the record an alert is about. */
export function recordLabel({ alert, delivery }: AlertContext): string {
  if (delivery?.kind === "inventory_to_cart") return `Inventory of ${alert.productCode ?? "a product"}`;
  if (delivery?.kind === "tracking_to_cart") return `Tracking for ${alert.orderNumber ?? "an order"}`;
  return alert.orderNumber ? `Order ${alert.orderNumber}` : "The record";
}

const REASONS: Record<ImmediateKind | "digest" | "group", (c: Recipient) => string> = {
  group: (c) =>
    `${c.email} is an alert contact of ${c.accountName} in Fixline. What needs a person, skipped records and outages go at once; several at once come as one email, at most ${c.hourlyEmailCap} an hour.`,
  action_needed: (c) =>
    `${c.email} is an alert contact of ${c.accountName} in Fixline. Alerts that need a person go at once to every contact whose emails are not off.`,
  record_skipped: (c) =>
    `${c.email} is an alert contact of ${c.accountName} in Fixline. Skipped records go at once to every contact whose emails are not off.`,
  giving_up_soon: (c) =>
    `${c.email} is an alert contact of ${c.accountName} in Fixline. Records about to be skipped are announced to every contact whose emails are not off.`,
  ship_by_soon: (c) =>
    `${c.email} is an alert contact of ${c.accountName} in Fixline with emails set to "Immediately": orders close to their ship-by are told at once.`,
  connection_silent: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline with emails set to "Immediately".`,
  connection_down: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline with emails set to "Immediately".`,
  connection_recovered: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline and was told this connection was down.`,
  digest: (c) => `${c.email} is an alert contact of ${c.accountName} in Fixline with emails set to "${FREQUENCY_LABELS[c.frequency]}".`,
};

export const FREQUENCY_LABELS = {
  immediate: "Immediately",
  hourly: "Hourly digest",
  daily: "Daily digest",
  weekly: "Weekly digest",
  off: "Off",
} as const;

export function emailFooter(contact: Recipient, why: ImmediateKind | "digest" | "group", links: LinkConfig): EmailFooter {
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
