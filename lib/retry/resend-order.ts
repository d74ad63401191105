import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { alertEvents, alerts, connections, deliveries, orders, type Delivery, type Order } from "@/db/schema";
import { readerZone, retrySettings, type CoreContext } from "../core/context";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import { ChangedSinceError, ConflictError, NotFoundError, refusalOf, type ChangeReason } from "../errors";
import { formatDateTime } from "../format/time";
import { isResendable } from "../orders/order-filter";
import { pausedNote } from "../settings/connections";
import { within, type Scope } from "../tenancy/scope";
import { attemptDelivery, type AttemptResult } from "./attempt-delivery";
import { claimDelivery, releaseClaims } from "./claim";

export type ResendOrderInput = {
  orderId: number;
  /** The history line of the resend. */
  reason?: string;
  /** The order's payload version on the page the person acted from; omitted by the engine's own callers. */
  seenVersion?: number;
};

/** A change made to a claimed order before it is sent: written in the same transaction as its fresh window. */
export type ClaimedChange = (tx: DbOrTx, order: Order, delivery: Delivery) => Promise<void>;

/**
 * "Resend to WMS" (docs/rules.md#r5): sends the order at once — also a held, failed or skipped one — with a fresh retry
 * window; a new failure starts a new window. Refused, with nothing sent, while a worker holds the order (docs/rules.md#r7), once
 * the WMS has it, or when it changed since the version the person saw (docs/rules.md#r9). Another tenant's order is not found.
 */
export async function resendOrder(ctx: CoreContext, input: ResendOrderInput): Promise<AttemptResult> {
  return sendClaimedOrder(ctx, { ...input, reason: input.reason ?? "Resent to the WMS" });
}

/**
 * The one path by which a person's action sends an order (docs/delivery-states.md): claim the order's record first,
 * so no worker is sending it; then, under the claim, check the order is still the one the person saw; then write
 * the change (an edit) and the fresh window in one transaction; then send. Whatever is refused is refused before
 * anything is written, and the claim is given back. A process that stops after the write leaves a pending record
 * under a lease that expires: the jobs then send the version that was saved — an edit is applied and sent, or not
 * saved at all.
 */
export async function sendClaimedOrder(
  ctx: CoreContext,
  input: ResendOrderInput & { reason: string; change?: ClaimedChange },
): Promise<AttemptResult> {
  const { db, scope, now } = ctx;
  const order = await orderInScope(db, scope, input.orderId);
  // Refused before the claim when it is plain already: an accepted order has no record to claim for it.
  await refuseIfChanged(db, order, input.seenVersion, readerZone(ctx));
  const delivery = await orderDelivery(db, order.id, order.accountId, now);
  const paused = await pausedNote(db, delivery.connectionId, readerZone(ctx));
  if (paused) throw new ConflictError(paused);
  const claimed = await claimDelivery(db, delivery.id, { leaseNow: now, leaseMs: retrySettings(ctx).leaseMs, owner: ctx.owner });
  if (!claimed) throw new ConflictError(busyMessage(order.orderNumber, delivery, ctx));
  const fresh = {
    status: "pending" as const,
    firstFailureAt: null,
    giveUpAt: null,
    consecutiveFailures: 0,
    nextAttemptAt: now,
    updatedAt: now,
  };
  try {
    await db.transaction(async (tx) => {
      // Re-read under the claim: a worker may have had the order accepted between the first read and the claim.
      const current = await orderInScope(tx, scope, input.orderId);
      await refuseIfChanged(tx, current, input.seenVersion, readerZone(ctx), claimed);
      await input.change?.(tx, current, claimed);
      await tx.update(deliveries).set(fresh).where(eq(deliveries.id, claimed.id));
      await addAlertEvents(tx, await openAlertIds(tx, eq(alerts.deliveryId, claimed.id)), "resent", input.reason, ctx.actor, now);
    });
  } catch (error) {
    await releaseClaims(db, [claimed.id], ctx.owner);
    throw error;
  }
  return attemptDelivery(ctx, { ...claimed, ...fresh });
}

async function orderInScope(db: DbOrTx, scope: Scope, orderId: number): Promise<Order> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), within(orders.accountId, scope.merchantIds)));
  if (!order) throw new NotFoundError("Order");
  return order;
}

function busyMessage(orderNumber: string, delivery: Delivery, ctx: CoreContext): string {
  const leaseMs = retrySettings(ctx).leaseMs;
  const since = delivery.leaseExpiresAt
    ? ` (since ${formatDateTime(new Date(delivery.leaseExpiresAt.getTime() - leaseMs), readerZone(ctx))})`
    : "";
  return `Order ${orderNumber} is being sent to the WMS right now${since}. Nothing was changed or sent: reload in a minute to see the WMS's answer, then try again if it is still needed.`;
}

/**
 * docs/rules.md#r9: an order the WMS has (accepted, shipped, canceled) is never sent again by a person, and an order edited since
 * the version the person saw is not sent over their head. Says what changed, and when.
 */
async function refuseIfChanged(db: DbOrTx, order: Order, seenVersion: number | undefined, timeZone: string, delivery?: Delivery) {
  const accepted = delivery?.status === "succeeded" || order.status === "at_wms";
  if (accepted || !isResendable(order.status)) {
    const reason: ChangeReason = order.status === "shipped" ? "shipped" : order.status === "canceled" ? "canceled" : "accepted";
    throw new ChangedSinceError(await changedMessage(db, order, reason, timeZone, delivery), reason);
  }
  if (seenVersion !== undefined && seenVersion !== order.payloadVersion) {
    throw new ChangedSinceError(await changedMessage(db, order, "edited", timeZone, delivery), "edited");
  }
}

async function changedMessage(db: DbOrTx, order: Order, reason: ChangeReason, timeZone: string, delivery?: Delivery): Promise<string> {
  const n = order.orderNumber;
  if (reason === "shipped") return `Order ${n} has shipped. Nothing was changed or sent.`;
  if (reason === "canceled") return `Order ${n} was canceled. Nothing was changed or sent.`;
  if (reason === "accepted") {
    const [sent] = await db
      .select({ name: connections.name, at: deliveries.lastAttemptAt })
      .from(deliveries)
      .innerJoin(connections, eq(connections.id, deliveries.connectionId))
      .where(and(eq(deliveries.orderId, order.id), eq(deliveries.kind, "order_to_wms")));
    const by = sent ? ` by ${sent.name}` : "";
    const at = (delivery?.lastAttemptAt ?? sent?.at) ? ` at ${formatDateTime((delivery?.lastAttemptAt ?? sent?.at)!, timeZone)}` : "";
    return `Order ${n} was accepted${by}${at}. Nothing was changed or sent: the WMS has this order, so change it there.`;
  }
  const [edit] = await db
    .select({ detail: alertEvents.detail, at: alertEvents.at })
    .from(alertEvents)
    .innerJoin(alerts, eq(alerts.id, alertEvents.alertId))
    .where(and(eq(alerts.orderId, order.id), eq(alertEvents.type, "edited")))
    .orderBy(desc(alertEvents.at), desc(alertEvents.id))
    .limit(1);
  const what = edit?.detail ? ` (${edit.detail.replace(/\.$/, "")})` : "";
  return `Order ${n} was changed at ${formatDateTime(edit?.at ?? order.updatedAt, timeZone)}${what}, after you opened this page. Nothing was saved or sent: reload to see the order as it is now.`;
}

export type BulkResult = {
  sent: number;
  failing: number;
  held: number;
  notFound: number;
  busy: number;
  /** Refused because they changed since they were chosen (docs/rules.md#r9), by what changed. */
  changed: Partial<Record<ChangeReason, number>>;
  results: { orderId: number; result: AttemptResult["result"] | "not_found" | "busy" | "changed" }[];
};

export const emptyBulkResult = (): BulkResult => ({ sent: 0, failing: 0, held: 0, notFound: 0, busy: 0, changed: {}, results: [] });

/** One order of a bulk action, with the version the person saw when there was a page to see it on. */
export type ChosenOrder = { id: number; version?: number };

export type ResendOrdersInput = { orders: (number | ChosenOrder)[]; reason?: string };

/** Resends many orders, one after another, and says how each went; those changed since they were chosen are skipped. */
export async function resendOrders(ctx: CoreContext, { orders: chosen, reason }: ResendOrdersInput): Promise<BulkResult> {
  const picks = new Map<number, number | undefined>();
  for (const pick of chosen) {
    const { id, version } = typeof pick === "number" ? { id: pick, version: undefined } : pick;
    if (!picks.has(id)) picks.set(id, version);
  }
  return sendEachClaimed(
    ctx,
    [...picks].map(([orderId, seenVersion]) => ({ orderId, seenVersion, reason: reason ?? "Resent to the WMS" })),
  );
}

/**
 * Many orders, each in turn through the one claimed path (sendClaimedOrder), each with its own change written under
 * its claim: a bulk resend, or a group fix's release (docs/error-library.md#group-fixes). Says how each went — sent,
 * still failing, held, being sent by a worker, or changed since it was chosen — and stops at nothing but a fault.
 */
export async function sendEachClaimed(
  ctx: CoreContext,
  sends: (ResendOrderInput & { reason: string; change?: ClaimedChange })[],
): Promise<BulkResult> {
  const summary = emptyBulkResult();
  for (const send of sends) {
    const { orderId } = send;
    try {
      const { result } = await sendClaimedOrder(ctx, send);
      summary.results.push({ orderId, result });
      if (result === "succeeded") summary.sent++;
      else if (result === "held") summary.held++;
      else summary.failing++;
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      if (refusal === "not_found") summary.notFound++;
      else if (refusal === "busy") summary.busy++;
      else {
        const { reason: why } = error as ChangedSinceError;
        summary.changed[why] = (summary.changed[why] ?? 0) + 1;
      }
      summary.results.push({ orderId, result: refusal });
    }
  }
  return summary;
}

/** The order's delivery to its merchant's WMS, created if the order never had one. */
async function orderDelivery(db: Db, orderId: number, accountId: number, now: Date): Promise<Delivery> {
  const [existing] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.orderId, orderId), eq(deliveries.kind, "order_to_wms")));
  if (existing) return existing;
  const [wms] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, accountId), eq(connections.kind, "wms")));
  if (!wms) throw new NotFoundError("WMS connection");
  const [created] = await db
    .insert(deliveries)
    .values({
      accountId,
      connectionId: wms.id,
      kind: "order_to_wms",
      orderId,
      payload: {},
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return created!;
}
