import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts, connections, deliveries, orders, type Delivery } from "@/db/schema";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import { ConflictError, NotFoundError } from "../errors";
import { within, type Scope } from "../tenancy/scope";
import type { Actor } from "./actor";
import { attemptDelivery, type AttemptResult, type EngineDeps } from "./attempt-delivery";
import { claimDelivery } from "./claim";
import { DEFAULT_RETRY_SETTINGS } from "./policy";

export type ActionDeps = EngineDeps & { actor: Actor; owner: string };

/**
 * "Resend to WMS" (docs/rules.md#r5): sends the order at once — also a held, failed or skipped one — with a fresh retry
 * window; a new failure starts a new window. Another tenant's order is not found.
 */
export async function resendOrder(db: Db, scope: Scope, orderId: number, deps: ActionDeps, reason = "Resent to the WMS"): Promise<AttemptResult> {
  const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), within(orders.accountId, scope.merchantIds)));
  if (!order) throw new NotFoundError("Order");
  const delivery = await orderDelivery(db, order.id, order.accountId, deps.now);
  const claimed = await claimDelivery(db, delivery.id, { leaseNow: deps.now, leaseMs: (deps.settings ?? DEFAULT_RETRY_SETTINGS).leaseMs, owner: deps.owner });
  if (!claimed) throw new ConflictError(`Order ${order.orderNumber} is being sent right now; try again in a minute.`);
  const fresh = { status: "pending" as const, firstFailureAt: null, giveUpAt: null, consecutiveFailures: 0, nextAttemptAt: deps.now, updatedAt: deps.now };
  await db.update(deliveries).set(fresh).where(eq(deliveries.id, claimed.id));
  await addAlertEvents(db, await openAlertIds(db, eq(alerts.deliveryId, claimed.id)), "resent", reason, deps.actor, deps.now);
  return attemptDelivery(db, { ...claimed, ...fresh }, deps);
}

export type BulkResult = { sent: number; failing: number; held: number; notFound: number; busy: number; results: { orderId: number; result: AttemptResult["result"] | "not_found" | "busy" }[] };

/** Resends many orders, one after another, and says how each went. */
export async function resendOrders(db: Db, scope: Scope, orderIds: number[], deps: ActionDeps, reason?: string): Promise<BulkResult> {
  const summary: BulkResult = { sent: 0, failing: 0, held: 0, notFound: 0, busy: 0, results: [] };
  for (const orderId of [...new Set(orderIds)]) {
    try {
      const { result } = await resendOrder(db, scope, orderId, deps, reason);
      summary.results.push({ orderId, result });
      if (result === "succeeded") summary.sent++;
      else if (result === "held") summary.held++;
      else summary.failing++;
    } catch (error) {
      if (error instanceof NotFoundError) summary.notFound++;
      else if (error instanceof ConflictError) summary.busy++;
      else throw error;
      summary.results.push({ orderId, result: error instanceof NotFoundError ? "not_found" : "busy" });
    }
  }
  return summary;
}

/** The order's delivery to its merchant's WMS, created if the order never had one. */
async function orderDelivery(db: Db, orderId: number, accountId: number, now: Date): Promise<Delivery> {
  const [existing] = await db.select().from(deliveries).where(and(eq(deliveries.orderId, orderId), eq(deliveries.kind, "order_to_wms")));
  if (existing) return existing;
  const [wms] = await db.select().from(connections).where(and(eq(connections.accountId, accountId), eq(connections.kind, "wms")));
  if (!wms) throw new NotFoundError("WMS connection");
  const [created] = await db
    .insert(deliveries)
    .values({ accountId, connectionId: wms.id, kind: "order_to_wms", orderId, payload: {}, status: "pending", nextAttemptAt: now, createdAt: now, updatedAt: now })
    .returning();
  return created!;
}
