import { and, count, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, orders, type OrderStatus } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

/** The caller's orders, newest first, optionally of one status; keyset-paged on id. */
export async function listOrders(
  db: DbOrTx,
  scope: Scope,
  params: { status?: OrderStatus; limit?: number; beforeId?: number } = {},
) {
  const limit = params.limit ?? 50;
  const rows = await db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      status: orders.status,
      shipTo: orders.shipTo,
      shipMethodLabel: orders.shipMethodLabel,
      lines: orders.lines,
      placedAt: orders.placedAt,
      merchantName: accounts.name,
    })
    .from(orders)
    .innerJoin(accounts, eq(accounts.id, orders.accountId))
    .where(
      and(
        within(orders.accountId, scope.merchantIds),
        params.status ? eq(orders.status, params.status) : undefined,
        params.beforeId ? lt(orders.id, params.beforeId) : undefined,
      ),
    )
    .orderBy(desc(orders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextBeforeId: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

export async function countOrdersByStatus(db: DbOrTx, scope: Scope): Promise<Partial<Record<OrderStatus, number>>> {
  const rows = await db
    .select({ status: orders.status, n: count() })
    .from(orders)
    .where(within(orders.accountId, scope.merchantIds))
    .groupBy(orders.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
