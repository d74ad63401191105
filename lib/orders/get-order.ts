import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertEvents, alerts, connections, deliveries, orders, users } from "@/db/schema";
import { ownContactAddresses, redactEmailedTo } from "../alerts/emailed-to";
import { NotFoundError } from "../errors";
import { within, type Scope } from "../tenancy/scope";

export type OrderDetail = Awaited<ReturnType<typeof getOrder>>;

/** How much of an order's alert history its page shows: the latest entries tell the story. */
export const HISTORY_LIMIT = 30;

/**
 * One order of the caller's with its deliveries, alerts and their latest history (a merchant user reads only
 * its own contacts' addresses in it); another tenant's is not found. Every read is walled by the order's own
 * scope filter, so they run at once: one round trip on a server (bench/round-trips.ts).
 */
export async function getOrder(db: DbOrTx, scope: Scope, id: number) {
  const visibleOrder = db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.id, id), within(orders.accountId, scope.merchantIds)));
  const orderAlertIds = db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.orderId, id), inArray(alerts.orderId, visibleOrder)));
  const [[row], orderDeliveries, orderAlerts, history, ownContacts] = await Promise.all([
    db
      .select({ order: orders, merchantName: accounts.name, warehouseId: accounts.warehouseId })
      .from(orders)
      .innerJoin(accounts, eq(accounts.id, orders.accountId))
      .where(and(eq(orders.id, id), within(orders.accountId, scope.merchantIds))),
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
      .where(and(eq(deliveries.orderId, id), inArray(deliveries.orderId, visibleOrder)))
      .orderBy(asc(deliveries.createdAt)),
    db
      .select()
      .from(alerts)
      .where(and(eq(alerts.orderId, id), inArray(alerts.orderId, visibleOrder)))
      .orderBy(desc(alerts.lastSeenAt)),
    db
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
      .where(inArray(alertEvents.alertId, orderAlertIds))
      .orderBy(desc(alertEvents.at), desc(alertEvents.id))
      .limit(HISTORY_LIMIT),
    ownContactAddresses(db, scope),
  ]);
  if (!row) throw new NotFoundError("Order");
  return { ...row, deliveries: orderDeliveries, alerts: orderAlerts, history: redactEmailedTo(scope, history, ownContacts) };
}
