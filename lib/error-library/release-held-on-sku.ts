import { and, eq, sql } from "drizzle-orm";
import { accounts, alerts, deliveries, orders } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { sendEachClaimed, type BulkResult, type ClaimedChange } from "../retry/resend-order";
import { within, type Scope } from "../tenancy/scope";

/** The held orders that wait on a SKU the WMS does not know: their open alert names it (docs/error-library.md#sku-mappings). */
export async function ordersHeldOnSku(ctx: Pick<CoreContext, "db" | "scope">, sku: string): Promise<number[]> {
  const { db, scope } = ctx;
  if (scope.merchantIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ orderId: alerts.orderId })
    .from(alerts)
    .innerJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
    .where(
      and(
        within(alerts.accountId, scope.merchantIds),
        eq(alerts.state, "open"),
        eq(alerts.productCode, sku),
        eq(alerts.needsPerson, true),
        eq(deliveries.kind, "order_to_wms"),
        eq(deliveries.status, "held"),
      ),
    )
    .orderBy(alerts.orderId);
  return rows.flatMap((r) => (r.orderId == null ? [] : [r.orderId]));
}

/**
 * Sends at once every order held on a SKU — after a SKU mapping is saved, or when the warehouse has added the item
 * in the WMS. Each goes through the one claimed path (sendClaimedOrder, docs/delivery-states.md): an order a worker
 * holds is left alone ("busy"), one changed since is refused, and none is sent twice at once. Each gets a new payload
 * version, so it goes out under a new Idempotency-Key (docs/rules.md#r7): its lines are not what the WMS refused.
 */
export async function releaseOrdersHeldOnSku(ctx: CoreContext, { sku, reason }: { sku: string; reason: string }): Promise<BulkResult> {
  const bumpVersion: ClaimedChange = async (tx, order) => {
    await tx
      .update(orders)
      .set({ payloadVersion: sql`${orders.payloadVersion} + 1`, updatedAt: ctx.now })
      .where(eq(orders.id, order.id));
  };
  return sendEachClaimed(
    ctx,
    (await ordersHeldOnSku(ctx, sku)).map((orderId) => ({ orderId, reason, change: bumpVersion })),
  );
}

/** The caller's scope narrowed to the merchants one warehouse serves: a SKU means something only to its warehouse. */
export async function warehouseScope(ctx: Pick<CoreContext, "db" | "scope">, warehouseId: number): Promise<Scope> {
  const served = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.warehouseId, warehouseId));
  const ids = new Set(served.map((m) => m.id));
  return { ...ctx.scope, merchantIds: ctx.scope.merchantIds.filter((id) => ids.has(id)) };
}
