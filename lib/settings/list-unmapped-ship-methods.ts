import { and, count, desc, eq, isNull, min, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, deliveries, orders, shipMethodMappings } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

/**
 * The cart labels that hold orders because their merchant's warehouse has no mapping for them, with how many
 * orders each holds (most first), which merchants use it and since when.
 */
export async function listUnmappedShipMethods(db: DbOrTx, scope: Scope) {
  const rows = await db
    .select({
      cartLabel: orders.shipMethodLabel,
      warehouseId: accounts.warehouseId,
      heldOrders: count(),
      merchants: sql<string>`json_group_array(DISTINCT ${accounts.name})`,
      heldSince: min(deliveries.firstFailureAt),
    })
    .from(orders)
    .innerJoin(accounts, eq(accounts.id, orders.accountId))
    .innerJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms"), eq(deliveries.status, "held")))
    .leftJoin(
      shipMethodMappings,
      and(eq(shipMethodMappings.warehouseId, accounts.warehouseId), eq(shipMethodMappings.cartLabel, orders.shipMethodLabel)),
    )
    .where(and(within(orders.accountId, scope.merchantIds), isNull(shipMethodMappings.id)))
    .groupBy(orders.shipMethodLabel, accounts.warehouseId)
    .orderBy(desc(count()), orders.shipMethodLabel);
  return rows.map((r) => ({ ...r, warehouseId: r.warehouseId!, merchants: (JSON.parse(r.merchants) as string[]).sort() }));
}
