import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, deliveries, orders } from "@/db/schema";
import { NotFoundError } from "../errors";
import { within, type Scope } from "../tenancy/scope";

export type OrderDetail = Awaited<ReturnType<typeof getOrder>>;

/** One order of the caller's with its deliveries and alerts; another tenant's is not found. */
export async function getOrder(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select({ order: orders, merchantName: accounts.name })
    .from(orders)
    .innerJoin(accounts, eq(accounts.id, orders.accountId))
    .where(and(eq(orders.id, id), within(orders.accountId, scope.merchantIds)));
  if (!row) throw new NotFoundError("Order");
  const [orderDeliveries, orderAlerts] = await Promise.all([
    db
      .select({ delivery: deliveries, connectionName: connections.name })
      .from(deliveries)
      .innerJoin(connections, eq(connections.id, deliveries.connectionId))
      .where(eq(deliveries.orderId, id))
      .orderBy(asc(deliveries.createdAt)),
    db.select().from(alerts).where(eq(alerts.orderId, id)).orderBy(desc(alerts.lastSeenAt)),
  ]);
  return { ...row, deliveries: orderDeliveries, alerts: orderAlerts };
}
