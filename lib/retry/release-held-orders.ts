import { and, eq, inArray } from "drizzle-orm";
import { deliveries, orders } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { within } from "../tenancy/scope";
import { resendOrders, type BulkResult } from "./resend-order";

/**
 * After a ship method is mapped: every order held on that cart label, among the merchants the warehouse
 * serves and the caller may see, is sent at once (docs/rules.md#r3) — one fix releases them all.
 */
export async function releaseOrdersHeldOnLabel(
  ctx: CoreContext,
  { cartLabel, reason }: { cartLabel: string; reason?: string },
): Promise<BulkResult> {
  const { db, scope } = ctx;
  const held = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms")))
    .where(and(within(orders.accountId, scope.merchantIds), eq(orders.shipMethodLabel, cartLabel), inArray(deliveries.status, ["held"])))
    .orderBy(orders.id);
  return resendOrders(ctx, { orders: held.map((o) => o.id), reason });
}
