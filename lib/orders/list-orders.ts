import { and, count, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, deliveries, orders, type OrderStatus } from "@/db/schema";
import type { Scope } from "../tenancy/scope";
import { orderFilterWhere, type OrderFilter } from "./order-filter";

/**
 * The caller's orders matching the filter, newest first, keyset-paged on id, each with the state of its
 * delivery to the WMS (why it fails, when it was given up on).
 */
export async function listOrders(db: DbOrTx, scope: Scope, params: OrderFilter & { limit?: number; beforeId?: number } = {}) {
  const limit = params.limit ?? 50;
  const rows = await db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      status: orders.status,
      version: orders.payloadVersion,
      shipTo: orders.shipTo,
      shipMethodLabel: orders.shipMethodLabel,
      lines: orders.lines,
      placedAt: orders.placedAt,
      merchantName: accounts.name,
      lastError: deliveries.lastError,
      lastErrorCode: deliveries.lastErrorCode,
      attempts: deliveries.attempts,
      nextAttemptAt: deliveries.nextAttemptAt,
      giveUpAt: deliveries.giveUpAt,
      deliveryUpdatedAt: deliveries.updatedAt,
    })
    .from(orders)
    .innerJoin(accounts, eq(accounts.id, orders.accountId))
    .leftJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms")))
    .where(and(orderFilterWhere(scope, params), params.beforeId ? lt(orders.id, params.beforeId) : undefined))
    .orderBy(desc(orders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(({ deliveryUpdatedAt, ...row }) => ({
    ...row,
    // A skipped record stops at its give-up time; the engine skips it on the first run after that.
    skippedAt: row.status === "skipped" ? (row.giveUpAt ?? deliveryUpdatedAt) : null,
  }));
  return { rows: page, nextBeforeId: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

/** How many of the caller's orders are in each status, under the other filters (merchant, method, search). */
export async function countOrdersByStatus(
  db: DbOrTx,
  scope: Scope,
  filter: Omit<OrderFilter, "status"> = {},
): Promise<Partial<Record<OrderStatus, number>>> {
  const rows = await db
    .select({ status: orders.status, n: count() })
    .from(orders)
    .where(orderFilterWhere(scope, { ...filter, status: undefined }))
    .groupBy(orders.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
