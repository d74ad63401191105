import { and, desc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertDedupeKey, alertEvents, alerts, connections, deliveries, orders, type Delivery } from "@/db/schema";
import { raiseAlert } from "../alerts/record-alert";
import { formatDateTime } from "../format/time";

/**
 * Ends a record's window (docs/rules.md#r1, #r2): the record is skipped, its order too, and its open failure alert becomes
 * a `record_skipped` alert that needs a person — the same alert, so its history tells the whole story.
 */
export async function skipDelivery(tx: DbOrTx, d: Delivery, now: Date): Promise<number> {
  await tx
    .update(deliveries)
    .set({ status: "skipped", nextAttemptAt: null, leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
    .where(eq(deliveries.id, d.id));
  if (d.kind === "order_to_wms" && d.orderId) {
    await tx.update(orders).set({ status: "skipped", updatedAt: now }).where(eq(orders.id, d.orderId));
  }
  const since = d.firstFailureAt ? ` since ${formatDateTime(d.firstFailureAt, "UTC")}` : "";
  const detail = `Skipped: tried ${d.attempts} ${d.attempts === 1 ? "time" : "times"}${since} without success. Last answer: ${d.lastError ?? "none"} Correct it if needed and resend it.`;
  const [open] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.deliveryId, d.id), eq(alerts.state, "open")))
    .orderBy(desc(alerts.lastSeenAt))
    .limit(1);
  if (open) {
    await tx
      .update(alerts)
      .set({
        kind: "record_skipped",
        needsPerson: true,
        dedupeKey: alertDedupeKey({ deliveryId: d.id }, "record_skipped"),
        lastSeenAt: now,
      })
      .where(eq(alerts.id, open.id));
    await tx.insert(alertEvents).values({ alertId: open.id, type: "skipped", detail, at: now });
    return open.id;
  }
  const [conn] = await tx.select({ id: connections.id }).from(connections).where(eq(connections.id, d.connectionId));
  const [order] = d.orderId ? await tx.select({ orderNumber: orders.orderNumber }).from(orders).where(eq(orders.id, d.orderId)) : [];
  const { id } = await raiseAlert(
    tx,
    {
      accountId: d.accountId,
      kind: "record_skipped",
      deliveryId: d.id,
      connectionId: conn?.id ?? null,
      orderId: d.orderId,
      needsPerson: true,
      message: d.lastError ?? "Gave up after the retry window closed.",
      errorCode: d.lastErrorCode,
      httpStatus: d.lastHttpStatus,
      orderNumber: order?.orderNumber ?? null,
      productCode: d.sku,
      giveUpAt: d.giveUpAt,
    },
    detail,
    now,
  );
  return id;
}

/**
 * Skips every retrying record whose window has closed, even on a connection that is down — but never one that
 * a worker holds: its request may be in flight and may still be accepted. A leased record belongs to its owner
 * until the lease expires (docs/rules.md#r7); the owner records the outcome, and a failure is skipped on the next run.
 */
export async function skipExpiredDeliveries(db: DbOrTx, now: Date): Promise<number> {
  const expired = await db.select().from(deliveries).where(skippable(now));
  let skipped = 0;
  for (const d of expired) {
    await db.transaction(async (tx) => {
      // Re-read inside the transaction: a worker may have claimed it, or succeeded with it, meanwhile.
      const [fresh] = await tx
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.id, d.id), skippable(now)));
      if (!fresh) return;
      await skipDelivery(tx, fresh, now);
      skipped++;
    });
  }
  return skipped;
}

const skippable = (now: Date) =>
  and(
    eq(deliveries.status, "retrying"),
    // A paused connection's windows stand still: its records are not skipped (docs/rules.md#r9).
    sql`${deliveries.connectionId} not in (select ${connections.id} from ${connections} where ${connections.pausedAt} is not null)`,
    isNotNull(deliveries.giveUpAt),
    lte(deliveries.giveUpAt, now),
    or(isNull(deliveries.leaseExpiresAt), lte(deliveries.leaseExpiresAt, now)),
  );
