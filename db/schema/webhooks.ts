import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms } from "./columns";
import { connections } from "./connections";

export const RECEIPT_STATUSES = ["accepted", "processed", "failed"] as const;

/** One webhook event received from a connector, stored once per webhook-id. */
export const webhookReceipts = sqliteTable(
  "webhook_receipts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id),
    webhookId: text("webhook_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: text("payload", { mode: "json" }).$type<unknown>().notNull(),
    status: text("status", { enum: RECEIPT_STATUSES }).notNull().default("accepted"),
    error: text("error"),
    receivedAt: ms("received_at").notNull(),
    processedAt: ms("processed_at"),
  },
  (t) => [
    uniqueIndex("webhook_receipts_connection_webhook_uq").on(t.connectionId, t.webhookId),
    index("webhook_receipts_connection_received_idx").on(t.connectionId, t.receivedAt),
    // The minute sweep looks for events left accepted: only those are indexed, however long the history.
    index("webhook_receipts_accepted_idx")
      .on(t.receivedAt)
      .where(sql`status = 'accepted'`),
  ],
);

export type WebhookReceipt = typeof webhookReceipts.$inferSelect;

/**
 * Webhook events counted per connection and fixed window, shared by every app instance on the database
 * (docs/rules.md#w1, lib/webhooks/rate-limiter.ts#rateWindow): one counter row a connection and window, the
 * previous windows deleted as a new one starts.
 */
export const webhookRateWindows = sqliteTable(
  "webhook_rate_windows",
  {
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id),
    windowStart: integer("window_start").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.windowStart] })],
);

/**
 * The webhook workers alive (`npm run worker`, docs/deploy.md#worker): each beats every few seconds, and while one
 * has beaten lately the app stores events through it and leaves applying them to it (docs/rules.md#w3).
 */
export const webhookWorkers = sqliteTable("webhook_workers", {
  /** host:pid of the worker process. */
  id: text("id").primaryKey(),
  /** Where the worker takes receipts to store (http://127.0.0.1:port), and the token it asks of the app. */
  address: text("address").notNull(),
  token: text("token").notNull(),
  startedAt: ms("started_at").notNull(),
  beatAt: ms("beat_at").notNull(),
});
