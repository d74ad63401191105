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
