import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts, deliveries, orders } from "@/db/schema";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { resendOrder, type ActionDeps } from "../retry/resend-order";
import { within, type Scope } from "../tenancy/scope";
import { EditOrderInput } from "./order-input";

/**
 * Saves a person's correction of an order (address, ship method) as a new payload version and sends it at
 * once (docs/rules.md#r3, #r5): the fix is the retry. Invalid input changes nothing and says what is wrong, per field.
 */
export async function editOrder(db: Db, scope: Scope, orderId: number, input: unknown, deps: ActionDeps) {
  const parsed = EditOrderInput.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    throw new ValidationError("Check the highlighted fields.", fields);
  }
  const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), within(orders.accountId, scope.merchantIds)));
  if (!order) throw new NotFoundError("Order");
  if (order.status === "shipped" || order.status === "canceled") {
    throw new ConflictError(`Order ${order.orderNumber} is ${order.status}; it can no longer be changed here.`);
  }
  const changes = describeChanges(order, parsed.data);
  await db
    .update(orders)
    .set({ shipTo: parsed.data.shipTo, shipMethodLabel: parsed.data.shipMethodLabel, payloadVersion: sql`${orders.payloadVersion} + 1`, updatedAt: deps.now })
    .where(eq(orders.id, order.id));
  const [delivery] = await db.select({ id: deliveries.id }).from(deliveries).where(and(eq(deliveries.orderId, order.id), eq(deliveries.kind, "order_to_wms")));
  if (delivery) {
    await addAlertEvents(db, await openAlertIds(db, eq(alerts.deliveryId, delivery.id)), "edited", changes, deps.actor, deps.now);
  }
  return resendOrder(db, scope, order.id, deps, "Sent at once after the edit");
}

function describeChanges(before: { shipTo: object; shipMethodLabel: string }, after: { shipTo: object; shipMethodLabel: string }): string {
  const parts: string[] = [];
  if (JSON.stringify(before.shipTo) !== JSON.stringify(after.shipTo)) parts.push("ship-to address");
  if (before.shipMethodLabel !== after.shipMethodLabel) parts.push(`ship method '${before.shipMethodLabel}' → '${after.shipMethodLabel}'`);
  return parts.length ? `Edited the ${parts.join(" and ")}.` : "Saved without changes.";
}
