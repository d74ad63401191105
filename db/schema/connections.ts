import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { ms, timestamps } from "./columns";

export const CONNECTION_KINDS = ["cart", "wms"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** One connected system of a merchant: its shopping cart or the warehouse's WMS. */
export const connections = sqliteTable(
  "connections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    kind: text("kind", { enum: CONNECTION_KINDS }).notNull(),
    platform: text("platform").notNull(),
    name: text("name").notNull(),
    endpointUrl: text("endpoint_url").notNull(),
    credential: text("credential").notNull(),
    webhookSecret: text("webhook_secret").notNull(),
    /** Still accepted until previousSecretExpiresAt, so a rotation does not drop events in flight. */
    previousWebhookSecret: text("previous_webhook_secret"),
    previousSecretExpiresAt: ms("previous_secret_expires_at"),
    syncIntervalMinutes: integer("sync_interval_minutes").notNull().default(15),
    lastSyncAt: ms("last_sync_at"),
    /** Transient failures in a row across this connection's records: at the threshold it is down. */
    consecutiveTransientFailures: integer("consecutive_transient_failures").notNull().default(0),
    /** Set while the connection is down: only one probe per cycle until one succeeds. */
    downSince: ms("down_since"),
    ...timestamps,
  },
  (t) => [index("connections_account_idx").on(t.accountId, t.kind)],
);

export type Connection = typeof connections.$inferSelect;
