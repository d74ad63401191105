import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, deliveries } from "@/db/schema";
import { retrySettings, type CoreContext } from "../core/context";
import { refusalOf } from "../errors";
import { attemptDelivery } from "../retry/attempt-delivery";
import { claimDelivery } from "../retry/claim";
import { resendOrder } from "../retry/resend-order";
import type { FollowUp } from "./apply-context";

/** More than this many records from one event wait for their connection's next sync instead. */
export const MAX_SENT_AT_ONCE = 50;

export type SendSummary = { attempted: number; succeeded: number; left: number };

/**
 * Sends what an event created, now rather than at the next job run. Each record is claimed first (docs/rules.md#r7), so
 * a job sending it meanwhile wins and it is not sent twice; a record not sent here is still due, and the
 * jobs send it. A connection that is down is left to its probe (outage rule).
 */
export async function sendAtOnce(ctx: CoreContext, followUp: FollowUp): Promise<SendSummary> {
  const { db } = ctx;
  const summary = await resendChanged(ctx, followUp.resend);
  const ids = followUp.attempt.slice(0, MAX_SENT_AT_ONCE);
  summary.left += followUp.attempt.length - ids.length;
  const targets = await connectionsOf(db, ids);
  // Down: left to its probe (docs/rules.md#r10); paused: left until it is resumed (docs/rules.md#r9).
  const down = new Set(targets.filter((t) => t.downSince || t.pausedAt).map((t) => t.connectionId));
  const leaseMs = retrySettings(ctx).leaseMs;
  for (const { id, connectionId } of targets) {
    const claimed = down.has(connectionId) ? null : await claimDelivery(db, id, { leaseNow: ctx.now, leaseMs, owner: ctx.owner });
    if (!claimed) {
      summary.left++;
      continue;
    }
    const result = await attemptDelivery(ctx, claimed);
    if (result.notSent) {
      // The connection went down while this event waited its turn: the record waits for the probe (docs/rules.md#r10).
      summary.left++;
      down.add(connectionId);
      continue;
    }
    summary.attempted++;
    if (result.result === "succeeded") summary.succeeded++;
    if (result.connectionDown) down.add(connectionId);
  }
  return summary;
}

/** Resends orders the cart's change fixed, each as a person's resend would (its version checked under its claim). */
export async function resendChanged(ctx: CoreContext, orderIds: number[]): Promise<SendSummary> {
  const summary: SendSummary = { attempted: 0, succeeded: 0, left: 0 };
  for (const orderId of orderIds) {
    try {
      const { result } = await resendOrder(ctx, { orderId, reason: "Sent at once after the cart's change" });
      summary.attempted++;
      if (result === "succeeded") summary.succeeded++;
    } catch (error) {
      // Being sent, or changed since (accepted meanwhile): the jobs have it.
      const refusal = refusalOf(error);
      if (refusal !== "busy" && refusal !== "changed") throw error;
      summary.left++;
    }
  }
  return summary;
}

/** The connections of records, with whether each is down or paused. */
export async function connectionsOf(db: Db, deliveryIds: number[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .select({ id: deliveries.id, connectionId: deliveries.connectionId, downSince: connections.downSince, pausedAt: connections.pausedAt })
    .from(deliveries)
    .innerJoin(connections, eq(connections.id, deliveries.connectionId))
    .where(inArray(deliveries.id, deliveryIds))
    .orderBy(deliveries.id);
}
