import { and, asc, eq, sql } from "drizzle-orm";
import { alerts, connections, deliveries, orders, type Order, type ShipTo } from "@/db/schema";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import { WEBHOOK_ACTOR } from "../retry/actor";
import { within } from "../tenancy/scope";
import { ApplyLater, UnprocessableEvent } from "../errors";
import { orderShipBy } from "../ship-by/order-ship-by";
import { NOTHING_TO_SEND, type ApplyContext, type FollowUp } from "./apply-context";
import type { OrderUpsertedInput } from "./events";

/** Statuses of an order that reached the WMS: the cart's later changes are not sent there automatically. */
const AT_WMS = new Set(["at_wms", "shipped", "canceled"]);

/**
 * order.upserted: creates the order with its delivery to the merchant's WMS, or applies the cart's change
 * to an order that has not reached the WMS yet. A change to a held, failed or skipped order is a fix, and
 * is resent at once (docs/rules.md#r3, #r5); the same order sent again unchanged changes nothing.
 */
export async function applyOrderUpserted(ctx: ApplyContext, data: OrderUpsertedInput): Promise<FollowUp> {
  const { tx, connection, scope, now } = ctx;
  const fields = {
    shipTo: shipTo(data.shipTo),
    shipMethodLabel: data.shipMethodLabel,
    lines: data.lines.map(({ sku, quantity, name }) => (name ? { sku, quantity, name } : { sku, quantity })),
  };
  const [existing] = await tx
    .select()
    .from(orders)
    .where(and(within(orders.accountId, scope.merchantIds), eq(orders.orderNumber, data.orderNumber)));
  if (!existing) {
    const wmsId = await merchantWms(ctx, data.orderNumber);
    const placedAt = data.placedAt ? new Date(data.placedAt) : now;
    const [order] = await tx
      .insert(orders)
      .values({
        accountId: connection.accountId,
        cartConnectionId: connection.id,
        orderNumber: data.orderNumber,
        ...fields,
        status: "new",
        placedAt,
        ...(await orderShipBy(tx, connection.accountId, { shipBy: data.shipBy, placedAt, shipMethodLabel: data.shipMethodLabel })),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: orders.id });
    return { attempt: [await insertOrderDelivery(ctx, order!.id, wmsId)], resend: [] };
  }
  const shipByChange = await shipByChangeOf(ctx, existing, data);
  if (sameJson(pick(existing), fields)) {
    if (shipByChange) await applyShipBy(ctx, existing.id, shipByChange);
    return NOTHING_TO_SEND;
  }
  const [delivery] = await tx
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.orderId, existing.id), eq(deliveries.kind, "order_to_wms")));
  if (AT_WMS.has(existing.status) || delivery?.status === "succeeded") {
    throw new UnprocessableEvent(
      `Order ${existing.orderNumber} has already reached the WMS (status ${existing.status}); later changes are not sent automatically. Change it in the WMS.`,
    );
  }
  if (delivery?.leaseExpiresAt && delivery.leaseExpiresAt > now) {
    throw new ApplyLater(`Order ${existing.orderNumber} is being sent right now; the change is applied once that send is done.`);
  }
  await tx
    .update(orders)
    .set({ ...fields, payloadVersion: sql`${orders.payloadVersion} + 1`, updatedAt: now })
    .where(eq(orders.id, existing.id));
  if (shipByChange) await applyShipBy(ctx, existing.id, shipByChange);
  if (!delivery)
    return { attempt: [await insertOrderDelivery(ctx, existing.id, await merchantWms(ctx, existing.orderNumber))], resend: [] };
  if (delivery.status === "pending") return { attempt: [delivery.id], resend: [] };
  // Held, retrying or skipped: due again now with a fresh window, so even if this process stops before the
  // resend below, the next job run sends the corrected order.
  await tx
    .update(deliveries)
    .set({ status: "pending", firstFailureAt: null, giveUpAt: null, consecutiveFailures: 0, nextAttemptAt: now, updatedAt: now })
    .where(eq(deliveries.id, delivery.id));
  await addAlertEvents(
    tx,
    await openAlertIds(tx, eq(alerts.deliveryId, delivery.id)),
    "edited",
    `${connection.name} sent a change: ${describeChanges(existing, fields)}.`,
    WEBHOOK_ACTOR,
    now,
  );
  return { attempt: [], resend: [existing.id] };
}

type ShipByChange = Awaited<ReturnType<typeof orderShipBy>>;

/** The order's new ship-by when the event changes it: the cart sends one, or a new ship method moves a computed one. */
async function shipByChangeOf({ tx, connection }: ApplyContext, existing: Order, data: OrderUpsertedInput): Promise<ShipByChange | null> {
  if (!data.shipBy && (existing.shipBySource === "cart" || existing.shipMethodLabel === data.shipMethodLabel)) return null;
  const next = await orderShipBy(tx, connection.accountId, {
    shipBy: data.shipBy,
    placedAt: existing.placedAt,
    shipMethodLabel: data.shipMethodLabel,
  });
  return next.shipBy?.getTime() === existing.shipBy?.getTime() ? null : next;
}

/** The order's ship-by, and its open alerts' copy the urgency sort reads (docs/ship-by.md#urgency). */
async function applyShipBy({ tx }: ApplyContext, orderId: number, change: ShipByChange) {
  await tx.update(orders).set(change).where(eq(orders.id, orderId));
  await tx
    .update(alerts)
    .set({ shipBy: change.shipBy })
    .where(and(eq(alerts.orderId, orderId), eq(alerts.state, "open")));
}

async function merchantWms({ tx, connection }: ApplyContext, orderNumber: string): Promise<number> {
  const [wms] = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.accountId, connection.accountId), eq(connections.kind, "wms")))
    .orderBy(asc(connections.id))
    .limit(1);
  if (!wms) throw new UnprocessableEvent(`Order ${orderNumber} cannot be sent: this merchant has no WMS connection.`);
  return wms.id;
}

async function insertOrderDelivery({ tx, connection, now }: ApplyContext, orderId: number, wmsId: number): Promise<number> {
  const [delivery] = await tx
    .insert(deliveries)
    .values({
      accountId: connection.accountId,
      connectionId: wmsId,
      kind: "order_to_wms",
      orderId,
      payload: {},
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: deliveries.id });
  return delivery!.id;
}

function shipTo(input: OrderUpsertedInput["shipTo"]): ShipTo {
  const { postalCode = "", ...rest } = input;
  const present = Object.entries(rest).filter(([, v]) => v !== undefined && v !== "");
  return { ...Object.fromEntries(present), postalCode } as ShipTo;
}

function pick(order: Order) {
  return { shipTo: order.shipTo, shipMethodLabel: order.shipMethodLabel, lines: order.lines };
}

function describeChanges(before: ReturnType<typeof pick>, after: ReturnType<typeof pick>): string {
  const parts = [
    sameJson(before.shipTo, after.shipTo) ? null : "ship-to address",
    before.shipMethodLabel === after.shipMethodLabel ? null : `ship method '${before.shipMethodLabel}' → '${after.shipMethodLabel}'`,
    sameJson(before.lines, after.lines) ? null : "lines",
  ].filter(Boolean);
  return parts.join(", ");
}

/** Equal as JSON regardless of key order (stored orders may list their keys in another order). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, sortedKeys) === JSON.stringify(b, sortedKeys);
}

function sortedKeys(_key: string, value: unknown) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
