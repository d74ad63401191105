import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertEvents, alerts, connections, deliveries, orders, users } from "@/db/schema";
import { redactEmailedTo } from "../alerts/emailed-to";
import { NotFoundError } from "../errors";
import { within, type Scope } from "../tenancy/scope";

export type OrderDetail = Awaited<ReturnType<typeof getOrder>>;

/** How much of an order's alert history its page shows: the latest entries tell the story. */
export const HISTORY_LIMIT = 30;

/**
 * One order of the caller's with its deliveries, alerts and their latest history (a merchant user reads only
 * its own contacts' addresses in it); another tenant's is not found.
 */
export async function getOrder(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select({ order: orders, merchantName: accounts.name, warehouseId: accounts.warehouseId })
    .from(orders)
    .innerJoin(accounts, eq(accounts.id, orders.accountId))
    .where(and(eq(orders.id, id), within(orders.accountId, scope.merchantIds)));
  if (!row) throw new NotFoundError("Order");
  const [orderDeliveries, orderAlerts] = await Promise.all([
    db
      .select({
        delivery: deliveries,
        connectionName: connections.name,
        connectionPlatform: connections.platform,
        connectionKind: connections.kind,
        syncIntervalMinutes: connections.syncIntervalMinutes,
      })
      .from(deliveries)
      .innerJoin(connections, eq(connections.id, deliveries.connectionId))
      .where(eq(deliveries.orderId, id))
      .orderBy(asc(deliveries.createdAt)),
    db.select().from(alerts).where(eq(alerts.orderId, id)).orderBy(desc(alerts.lastSeenAt)),
  ]);
  const history = orderAlerts.length
    ? await db
        .select({
          id: alertEvents.id,
          alertId: alertEvents.alertId,
          type: alertEvents.type,
          detail: alertEvents.detail,
          at: alertEvents.at,
          actorName: users.name,
        })
        .from(alertEvents)
        .leftJoin(users, eq(users.id, alertEvents.actorUserId))
        .where(
          inArray(
            alertEvents.alertId,
            orderAlerts.map((a) => a.id),
          ),
        )
        .orderBy(desc(alertEvents.at), desc(alertEvents.id))
        .limit(HISTORY_LIMIT)
    : [];
  return { ...row, deliveries: orderDeliveries, alerts: orderAlerts, history: await redactEmailedTo(db, scope, history) };
}
