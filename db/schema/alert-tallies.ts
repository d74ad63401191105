import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ALERT_KINDS, ALERT_STATES } from "./alerts";

// Counts of alerts kept by SQLite triggers on `alerts` (see the 0004 migration and db/alert-tallies.ts),
// so the Alerts tab's counts and chart read a few hundred rows instead of counting a million.

/** How many alerts there are per merchant, connection, kind, state and needs-a-person. */
export const alertTallies = sqliteTable(
  "alert_tallies",
  {
    accountId: integer("account_id").notNull(),
    /** 0 for alerts without a connection (a primary key column cannot hold NULL usefully). */
    connectionId: integer("connection_id").notNull(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    state: text("state", { enum: ALERT_STATES }).notNull(),
    needsPerson: integer("needs_person", { mode: "boolean" }).notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind, t.state, t.needsPerson, t.connectionId] })],
);

/** Alerts raised (by first seen) and resolved (by resolved at) per merchant and UTC day (epoch ms / 86,400,000). */
export const alertDayTallies = sqliteTable(
  "alert_day_tallies",
  {
    accountId: integer("account_id").notNull(),
    day: integer("day").notNull(),
    raised: integer("raised").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] })],
);

/**
 * Open alerts that may share one fix, per merchant, connection, kind and cause: the order's ship-method
 * label for `ship_method_unmapped` alerts with an order, the remote message for failures of the kinds
 * retried automatically (not needing a person). The Alerts tab's grouped causes read this.
 */
export const alertCauseTallies = sqliteTable(
  "alert_cause_tallies",
  {
    accountId: integer("account_id").notNull(),
    connectionId: integer("connection_id").notNull(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    cause: text("cause").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind, t.connectionId, t.cause] })],
);

/**
 * Open order alerts held for a person, per merchant, connection, kind and the facts the error library reads
 * (message, code, HTTP status, SKU): the Alerts tab's fix-once cards group these few hundred rows instead of
 * every held alert (docs/error-library.md#group-fixes). `firstHeldAt` is when the row's first alert was raised;
 * the row goes when its last alert leaves, so a group that comes back starts again.
 */
export const heldOrderTallies = sqliteTable(
  "held_order_tallies",
  {
    accountId: integer("account_id").notNull(),
    /** 0, '' and 0 stand for no connection, code or status (a primary key column cannot hold NULL usefully). */
    connectionId: integer("connection_id").notNull(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    message: text("message").notNull(),
    errorCode: text("error_code").notNull(),
    httpStatus: integer("http_status").notNull(),
    productCode: text("product_code").notNull(),
    n: integer("n").notNull().default(0),
    firstHeldAt: integer("first_held_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind, t.connectionId, t.message, t.errorCode, t.httpStatus, t.productCode] })],
);

/**
 * `alert_tallies` and `alert_day_tallies` summed per warehouse, kept by triggers on those tallies: a warehouse
 * user's counts read a few dozen rows, not one set per merchant served (bench/alerts.ts).
 */
export const warehouseAlertTallies = sqliteTable(
  "warehouse_alert_tallies",
  {
    warehouseId: integer("warehouse_id").notNull(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    state: text("state", { enum: ALERT_STATES }).notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.kind, t.state] })],
);

export const warehouseDayTallies = sqliteTable(
  "warehouse_day_tallies",
  {
    warehouseId: integer("warehouse_id").notNull(),
    day: integer("day").notNull(),
    raised: integer("raised").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.day] })],
);
