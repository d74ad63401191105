import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deliveries, orders } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import { resendOrders, type ActionDeps, type BulkResult } from "./resend-order";

/**
 * After a ship method is mapped: every order held on that cart label, among the merchants the warehouse
 * serves and the caller may see, is sent at once (docs/rules.md#r3) — one fix releases them all.
 */
export async function releaseOrdersHeldOnLabel(db: Db, scope: Scope, cartLabel: string, deps: ActionDeps, reason?: string): Promise<BulkResult> {
  const held = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms")))
    .where(and(within(orders.accountId, scope.merchantIds), eq(orders.shipMethodLabel, cartLabel), inArray(deliveries.status, ["held"])))
    .orderBy(orders.id);
  return resendOrders(db, scope, held.map((o) => o.id), deps, reason);
}
