import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { ms, timestamps } from "./columns";
import { connections } from "./connections";
import { orders } from "./orders";

export const DELIVERY_KINDS = ["order_to_wms", "tracking_to_cart", "inventory_to_cart"] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const DELIVERY_STATUSES = ["pending", "retrying", "held", "succeeded", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** The statuses a worker may claim a record in; the claim index covers exactly these. */
export type ClaimableStatus = Extract<DeliveryStatus, "pending" | "retrying">;
/** The claim index's condition, also written into every claim so SQLite can use that index (it must match literally). */
export const CLAIMABLE = sql`status in ('pending', 'retrying')`;

/** One record that must reach one system, with its retry state. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id),
    kind: text("kind", { enum: DELIVERY_KINDS }).notNull(),
    orderId: integer("order_id").references(() => orders.id),
    sku: text("sku"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    payloadVersion: integer("payload_version").notNull().default(1),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    firstFailureAt: ms("first_failure_at"),
    lastError: text("last_error"),
    lastErrorCode: text("last_error_code"),
    lastHttpStatus: integer("last_http_status"),
    lastAttemptAt: ms("last_attempt_at"),
    nextAttemptAt: ms("next_attempt_at"),
    giveUpAt: ms("give_up_at"),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: ms("lease_expires_at"),
    ...timestamps,
  },
  (t) => [
    index("deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("deliveries_connection_due_idx").on(t.connectionId, t.status, t.nextAttemptAt),
    index("deliveries_order_idx").on(t.orderId),
    // The claim's order (oldest first) over only the records still to send: a claim reads the next rows of
    // its connection instead of sorting every due one, and sent records drop out of the index.
    index("deliveries_claim_idx").on(t.connectionId, t.createdAt).where(CLAIMABLE),
  ],
);

export type Delivery = typeof deliveries.$inferSelect;
