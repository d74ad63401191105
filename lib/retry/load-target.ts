import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, connections, deliveries, orders, shipMethodMappings, type Connection, type Delivery, type Order, type ShipMethodMapping } from "@/db/schema";

/** Everything an attempt needs: the record, where it goes, its order and the ship-method mapping in force. */
export type AttemptTarget = {
  delivery: Delivery;
  connection: Connection;
  order: Order | null;
  mapping: ShipMethodMapping | null;
  warehouseName: string;
};

export async function loadTarget(db: DbOrTx, delivery: Delivery): Promise<AttemptTarget> {
  const [connection] = await db.select().from(connections).where(eq(connections.id, delivery.connectionId));
  if (!connection) throw new Error(`delivery ${delivery.id} has no connection`);
  const [merchant] = await db.select().from(accounts).where(eq(accounts.id, delivery.accountId));
  const [warehouse] = merchant?.warehouseId
    ? await db.select().from(accounts).where(eq(accounts.id, merchant.warehouseId))
    : [];
  const [order] = delivery.orderId ? await db.select().from(orders).where(eq(orders.id, delivery.orderId)) : [];
  const [mapping] =
    order && warehouse
      ? await db
          .select()
          .from(shipMethodMappings)
          .where(and(eq(shipMethodMappings.warehouseId, warehouse.id), eq(shipMethodMappings.cartLabel, order.shipMethodLabel)))
      : [];
  return { delivery, connection, order: order ?? null, mapping: mapping ?? null, warehouseName: warehouse?.name ?? "the warehouse" };
}

/** The order as the WMS receives it, with the carrier and service the warehouse mapped its ship method to. */
export function orderPayload(order: Order, mapping: ShipMethodMapping | null) {
  return {
    orderNumber: order.orderNumber,
    shipTo: order.shipTo,
    shipMethod: { label: order.shipMethodLabel, carrier: mapping?.carrier ?? null, serviceCode: mapping?.serviceCode ?? null },
    lines: order.lines,
  };
}

export async function getDelivery(db: DbOrTx, id: number): Promise<Delivery | null> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row ?? null;
}
