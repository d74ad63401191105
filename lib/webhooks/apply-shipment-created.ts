import { and, asc, eq, ne } from "drizzle-orm";
import { connections, deliveries, orders } from "@/db/schema";
import { within } from "../tenancy/scope";
import { UnprocessableEvent } from "../errors";
import { NOTHING_TO_SEND, type ApplyContext, type FollowUp } from "./apply-context";
import type { ShipmentCreatedInput } from "./events";

/**
 * shipment.created: the order is shipped, and its carrier and tracking number become a delivery to the
 * merchant's cart (retried per docs/rules.md#r2). The same tracking number reported again adds nothing.
 */
export async function applyShipmentCreated(ctx: ApplyContext, data: ShipmentCreatedInput): Promise<FollowUp> {
  const { tx, connection, scope, now } = ctx;
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(within(orders.accountId, scope.merchantIds), eq(orders.orderNumber, data.orderNumber)));
  if (!order)
    throw new UnprocessableEvent(
      `No order ${data.orderNumber} for this merchant: a shipment is recorded for an order Fixline received from the cart.`,
    );
  const cartId = await orderCart(ctx, order.cartConnectionId);
  if (!cartId)
    throw new UnprocessableEvent(
      `Order ${data.orderNumber} shipped, but this merchant has no cart connection to send the tracking number to.`,
    );

  const sent = await tx
    .select({ payload: deliveries.payload })
    .from(deliveries)
    .where(and(eq(deliveries.orderId, order.id), eq(deliveries.kind, "tracking_to_cart")));
  if (sent.some((d) => d.payload.trackingNumber === data.trackingNumber && d.payload.carrier === data.carrier)) return NOTHING_TO_SEND;

  const payload = {
    orderNumber: order.orderNumber,
    carrier: data.carrier,
    trackingNumber: data.trackingNumber,
    ...(data.trackingUrl ? { trackingUrl: data.trackingUrl } : {}),
    ...(data.shippedAt ? { shippedAt: data.shippedAt } : {}),
  };
  const [delivery] = await tx
    .insert(deliveries)
    .values({
      accountId: connection.accountId,
      connectionId: cartId,
      kind: "tracking_to_cart",
      orderId: order.id,
      payload,
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: deliveries.id });
  await tx
    .update(orders)
    .set({ status: "shipped", updatedAt: now })
    .where(and(eq(orders.id, order.id), ne(orders.status, "canceled")));
  return { attempt: [delivery!.id], resend: [] };
}

/** The cart the order came from, or else the merchant's first cart. */
async function orderCart({ tx, connection }: ApplyContext, cartConnectionId: number | null): Promise<number | null> {
  const carts = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.accountId, connection.accountId), eq(connections.kind, "cart")))
    .orderBy(asc(connections.id));
  return (carts.find((c) => c.id === cartConnectionId) ?? carts[0])?.id ?? null;
}
