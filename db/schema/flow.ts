import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Tallies kept by SQLite triggers (the silence-and-age migration), like alert_tallies: the silence watch and the
// Alerts tab's age view read a few hundred rows instead of scanning events or alerts (docs/silence.md, docs/ship-by.md).

/** Webhook events received per connection, event type and UTC hour (epoch ms / 3,600,000). */
export const connectionFlowHours = sqliteTable(
  "connection_flow_hours",
  {
    connectionId: integer("connection_id").notNull(),
    hour: integer("hour").notNull(),
    eventType: text("event_type").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.hour, t.eventType] })],
);

/** Alerts resolved per merchant, kind and week of resolution (epoch ms / 604,800,000), with the sum of their open times: time to resolve. */
export const alertResolveTallies = sqliteTable(
  "alert_resolve_tallies",
  {
    accountId: integer("account_id").notNull(),
    kind: text("kind").notNull(),
    week: integer("week").notNull(),
    n: integer("n").notNull().default(0),
    totalMs: integer("total_ms").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.week, t.kind] })],
);

/** Open alerts per merchant and UTC hour first seen (rows that reach 0 are deleted): "open longer than 24 h" is all open minus the last day's. */
export const alertOpenHours = sqliteTable(
  "alert_open_hours",
  {
    accountId: integer("account_id").notNull(),
    hour: integer("hour").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hour, t.accountId] })],
);
