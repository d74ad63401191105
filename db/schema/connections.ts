import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { ms, timestamps } from "./columns";

export const SILENCE_SENSITIVITIES = ["off", "low", "normal", "high"] as const;
export type SilenceSensitivity = (typeof SILENCE_SENSITIVITIES)[number];
/** Quiet hours in the warehouse's zone: these weekdays (0 = Sunday) whole, and every day from `from` to `to` ("22:00"–"06:00"). */
export type QuietHours = { weekdays: number[]; from: string | null; to: string | null };

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
    /** Set while the connection is down: one probe every probe interval until one is answered. */
    downSince: ms("down_since"),
    /** When the last probe of a down connection was claimed: at most one per probe interval, across processes. */
    lastProbeAt: ms("last_probe_at"),
    /** Set while an admin has paused the connection: nothing is sent to it, nothing skipped, its windows stand still. */
    pausedAt: ms("paused_at"),
    pausedByUserId: text("paused_by_user_id"),
    /** How far beyond its normal gap a silence must go before a `connection_silent` alert (docs/silence.md). */
    silenceSensitivity: text("silence_sensitivity", { enum: SILENCE_SENSITIVITIES }).notNull().default("normal"),
    /** Hours of the week the connection is expected to be quiet (a merchant closed at weekends): never counted as silence. */
    silenceQuietHours: text("silence_quiet_hours", { mode: "json" }).$type<QuietHours | null>(),
    ...timestamps,
  },
  (t) => [index("connections_account_idx").on(t.accountId, t.kind)],
);

/** Who changed what on a connection, and when: its settings page lists them (the credential's value never). */
export const connectionChanges = sqliteTable(
  "connection_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id),
    actorUserId: text("actor_user_id"),
    /** What changed: `sync_interval`, `endpoint_url`, `credential`, `paused`, `resumed`. */
    field: text("field").notNull(),
    detail: text("detail").notNull(),
    at: ms("at").notNull(),
  },
  (t) => [index("connection_changes_connection_idx").on(t.connectionId, t.at)],
);

export type ConnectionChange = typeof connectionChanges.$inferSelect;

export type Connection = typeof connections.$inferSelect;
