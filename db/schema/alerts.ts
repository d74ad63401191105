import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts, users } from "./accounts";
import { ms } from "./columns";
import { connections } from "./connections";
import { deliveries } from "./deliveries";
import { orders } from "./orders";

export const ALERT_KINDS = [
  "order_send_failed",
  "address_invalid",
  "ship_method_unmapped",
  "tracking_push_failed",
  "inventory_push_failed",
  "record_skipped",
  "connection_down",
  "remote_error",
  "connection_silent",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATES = ["open", "resolved", "dismissed"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** What a person sees in the Alerts tab. One open alert per record and cause (docs/rules.md#r8). */
export const alerts = sqliteTable(
  "alerts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The merchant the alert is about; tenancy filters on it. */
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    connectionId: integer("connection_id").references(() => connections.id),
    deliveryId: integer("delivery_id").references(() => deliveries.id),
    orderId: integer("order_id").references(() => orders.id),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    state: text("state", { enum: ALERT_STATES }).notNull().default("open"),
    needsPerson: integer("needs_person", { mode: "boolean" }).notNull().default(false),
    /** The remote system's message, verbatim. */
    message: text("message").notNull(),
    errorCode: text("error_code"),
    orderNumber: text("order_number"),
    productCode: text("product_code"),
    httpStatus: integer("http_status"),
    occurrences: integer("occurrences").notNull().default(1),
    firstSeenAt: ms("first_seen_at").notNull(),
    lastSeenAt: ms("last_seen_at").notNull(),
    giveUpAt: ms("give_up_at"),
    /** Identifies "the same record with the same cause" (docs/rules.md#r8). */
    dedupeKey: text("dedupe_key").notNull(),
    resolvedAt: ms("resolved_at"),
    dismissedAt: ms("dismissed_at"),
    dismissedBy: text("dismissed_by").references(() => users.id),
    snoozedUntil: ms("snoozed_until"),
    /** The order's ship-by, copied when an order's alert is raised or its ship-by changes: the urgency sort reads it (docs/ship-by.md). */
    shipBy: ms("ship_by"),
  },
  (t) => [
    index("alerts_account_state_seen_idx").on(t.accountId, t.state, t.lastSeenAt, t.id),
    // A warehouse user's scope is hundreds of merchants: these give their views in order, newest first,
    // so a page reads its 50 rows instead of sorting every match.
    index("alerts_state_seen_idx").on(t.state, t.lastSeenAt, t.id),
    index("alerts_state_kind_seen_idx").on(t.state, t.kind, t.lastSeenAt, t.id),
    index("alerts_seen_idx").on(t.lastSeenAt, t.id),
    // Snoozed open alerts only, covering what counts and grouped causes subtract from the tallies.
    index("alerts_open_snoozed_idx")
      .on(t.snoozedUntil, t.accountId, t.kind, t.needsPerson, t.connectionId, t.orderId, t.message)
      .where(sql`state = 'open' AND snoozed_until IS NOT NULL`),
    // The same snoozed alerts by kind (a kind filter's count, the snoozed unmapped ship methods) and by
    // connection (the snoozed share of a connection's most frequent errors): a seek, not a read of every snooze.
    index("alerts_open_snoozed_kind_idx")
      .on(t.kind, t.snoozedUntil, t.accountId, t.needsPerson, t.connectionId, t.orderId)
      .where(sql`state = 'open' AND snoozed_until IS NOT NULL`),
    index("alerts_open_snoozed_connection_idx")
      .on(t.connectionId, t.kind, t.snoozedUntil, t.needsPerson, t.accountId, t.message)
      .where(sql`state = 'open' AND snoozed_until IS NOT NULL`),
    // Open unmapped-ship-method alerts by order: an order's new label moves them in the cause tallies.
    index("alerts_open_unmapped_order_idx")
      .on(t.orderId)
      .where(sql`state = 'open' AND kind = 'ship_method_unmapped'`),
    // Urgency, the open view's default order: open alerts with a ship-by, soonest first (docs/ship-by.md#urgency).
    index("alerts_open_ship_by_idx")
      .on(t.shipBy, t.id)
      .where(sql`state = 'open' AND ship_by IS NOT NULL`),
    index("alerts_account_order_number_idx").on(t.accountId, t.orderNumber),
    index("alerts_account_product_code_idx").on(t.accountId, t.productCode),
    index("alerts_delivery_idx").on(t.deliveryId),
    uniqueIndex("alerts_open_dedupe_uq")
      .on(t.dedupeKey)
      .where(sql`state = 'open'`),
  ],
);

export const ALERT_EVENT_TYPES = [
  "raised",
  "retried",
  "retry_failed",
  "edited",
  "resent",
  "resolved",
  "dismissed",
  "snoozed",
  "emailed",
  "skipped",
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** The history of an alert. */
export const alertEvents = sqliteTable(
  "alert_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    alertId: integer("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    type: text("type", { enum: ALERT_EVENT_TYPES }).notNull(),
    detail: text("detail"),
    /** A user id, or null for the system (a job, a webhook). */
    actorUserId: text("actor_user_id").references(() => users.id),
    at: ms("at").notNull(),
  },
  (t) => [index("alert_events_alert_idx").on(t.alertId, t.at)],
);

export type Alert = typeof alerts.$inferSelect;
export type AlertEvent = typeof alertEvents.$inferSelect;

/** "The same record with the same cause" (docs/rules.md#r8): a record's alerts are keyed by its delivery and the kind of failure. */
export function alertDedupeKey(subject: { deliveryId?: number | null; connectionId?: number | null }, kind: AlertKind): string {
  if (subject.deliveryId != null) return `delivery:${subject.deliveryId}:${kind}`;
  return `connection:${subject.connectionId ?? "none"}:${kind}`;
}
