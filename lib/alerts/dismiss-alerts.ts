import { and, eq, gt, inArray, notInArray, type SQL } from "drizzle-orm";
import { alertEvents, alerts, deliveries, orders } from "@/db/schema";
import { readerZone, type CoreContext } from "../core/context";
import { formatDateTime } from "../format/time";
import { actorUserId } from "../retry/actor";
import { within } from "../tenancy/scope";

/**
 * Dismisses open alerts: a person has dealt with them. Their records stop being retried (a dismissed
 * failure would otherwise come straight back as a new alert); a dismissed order can still be resent.
 * An alert whose record a worker is sending right now is left open: the record belongs to its lease's owner
 * until the answer is in (docs/rules.md#r9), and the answer may resolve it. Returns how many were dismissed and
 * how many were left for that reason; ids outside the caller's scope are not found and change nothing.
 */
export async function dismissAlerts(
  ctx: Pick<CoreContext, "db" | "scope" | "actor" | "now">,
  { ids, reason }: { ids: number[]; reason?: string },
) {
  const { db, scope, actor, now } = ctx;
  return db.transaction(async (tx) => {
    const open = and(inArray(alerts.id, ids), within(alerts.accountId, scope.merchantIds), eq(alerts.state, "open")) as SQL;
    const leased = await tx
      .select({ id: alerts.id })
      .from(alerts)
      .innerJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
      .where(and(open, gt(deliveries.leaseExpiresAt, now)));
    const busy = leased.map((r) => r.id);
    const rows = await tx
      .update(alerts)
      .set({ state: "dismissed", dismissedAt: now, dismissedBy: actorUserId(actor), snoozedUntil: null })
      .where(and(open, busy.length ? notInArray(alerts.id, busy) : undefined))
      .returning({ id: alerts.id, deliveryId: alerts.deliveryId, orderId: alerts.orderId });
    if (rows.length === 0) return { dismissed: 0, busy: busy.length };
    const detail = reason?.trim() ? `${reason.trim()} — no longer retried.` : "No longer retried.";
    await tx
      .insert(alertEvents)
      .values(rows.map((r) => ({ alertId: r.id, type: "dismissed" as const, detail, actorUserId: actorUserId(actor), at: now })));
    const deliveryIds = rows.flatMap((r) => (r.deliveryId ? [r.deliveryId] : []));
    if (deliveryIds.length) {
      await tx
        .update(deliveries)
        .set({ status: "skipped", nextAttemptAt: null, updatedAt: now })
        .where(and(inArray(deliveries.id, deliveryIds), inArray(deliveries.status, ["pending", "retrying", "held"])));
    }
    const orderIds = rows.flatMap((r) => (r.orderId ? [r.orderId] : []));
    if (orderIds.length) {
      await tx
        .update(orders)
        .set({ status: "skipped", updatedAt: now })
        .where(and(inArray(orders.id, orderIds), notInArray(orders.status, ["at_wms", "shipped", "canceled"])));
    }
    return { dismissed: rows.length, busy: busy.length };
  });
}

/** Hides open alerts until a date; retrying goes on, and the alert returns by itself when the date passes. */
export async function snoozeAlerts(
  ctx: Pick<CoreContext, "db" | "scope" | "actor" | "now" | "timeZone">,
  { ids, until }: { ids: number[]; until: Date },
) {
  const { db, scope, actor, now } = ctx;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(alerts)
      .set({ snoozedUntil: until })
      .where(and(inArray(alerts.id, ids), within(alerts.accountId, scope.merchantIds), eq(alerts.state, "open")))
      .returning({ id: alerts.id });
    if (rows.length) {
      // In the snoozer's zone, named: "until 3 Dec 2026, 00:00 CET" is the day they picked (docs/rules.md#t3).
      const detail = `Snoozed until ${formatDateTime(until, readerZone(ctx))}.`;
      await tx
        .insert(alertEvents)
        .values(rows.map((r) => ({ alertId: r.id, type: "snoozed" as const, detail, actorUserId: actorUserId(actor), at: now })));
    }
    return rows.length;
  });
}
