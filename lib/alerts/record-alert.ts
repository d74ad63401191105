import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertDedupeKey, alertEvents, alerts, orders, type AlertEventType, type AlertKind } from "@/db/schema";
import { actorUserId, type Actor } from "../retry/actor";

export type AlertInput = {
  accountId: number;
  kind: AlertKind;
  deliveryId?: number | null;
  connectionId?: number | null;
  orderId?: number | null;
  needsPerson: boolean;
  message: string;
  errorCode?: string | null;
  httpStatus?: number | null;
  orderNumber?: string | null;
  productCode?: string | null;
  giveUpAt?: Date | null;
  /** "The same record with the same cause" when it is not a delivery's (e.g. an error a system reported). */
  dedupeKey?: string;
};

/**
 * Raises an alert, or — when the same record already has an open alert for the same cause — updates that
 * one (docs/rules.md#r8): one more occurrence, the latest message, last seen now. One atomic statement, so two workers
 * can never open two alerts for one cause. Returns the alert id and whether it is new.
 */
export async function raiseAlert(db: DbOrTx, { dedupeKey: givenKey, ...input }: AlertInput, detail: string, now: Date) {
  const dedupeKey = givenKey ?? alertDedupeKey({ deliveryId: input.deliveryId, connectionId: input.connectionId }, input.kind);
  const latest = {
    message: input.message,
    errorCode: input.errorCode ?? null,
    httpStatus: input.httpStatus ?? null,
    needsPerson: input.needsPerson,
    lastSeenAt: now,
    giveUpAt: input.giveUpAt ?? null,
  };
  const [row] = await db
    .insert(alerts)
    .values({
      ...input,
      ...latest,
      dedupeKey,
      state: "open",
      occurrences: 1,
      firstSeenAt: now,
      shipBy: orderShipBy(input.orderId, input.kind),
    })
    .onConflictDoUpdate({
      target: alerts.dedupeKey,
      targetWhere: sql`state = 'open'`,
      set: { ...latest, occurrences: sql`${alerts.occurrences} + 1` },
    })
    .returning({ id: alerts.id, occurrences: alerts.occurrences });
  const created = row!.occurrences === 1;
  await db.insert(alertEvents).values({ alertId: row!.id, type: created ? "raised" : "retry_failed", detail, at: now });
  return { id: row!.id, created };
}

/** An alert about an order on its way to the WMS carries the order's ship-by, for the urgency sort (docs/ship-by.md#urgency). */
function orderShipBy(orderId: number | null | undefined, kind: AlertKind) {
  return orderId == null || kind === "tracking_push_failed" || kind === "inventory_push_failed"
    ? null
    : sql`(select ${orders.shipBy} from ${orders} where ${orders.id} = ${orderId})`;
}

/** Adds one history entry to each alert. */
export async function addAlertEvents(db: DbOrTx, alertIds: number[], type: AlertEventType, detail: string, actor: Actor, now: Date) {
  if (alertIds.length === 0) return;
  await db.insert(alertEvents).values(alertIds.map((alertId) => ({ alertId, type, detail, actorUserId: actorUserId(actor), at: now })));
}

/** The ids of the open alerts matching a condition. */
export async function openAlertIds(db: DbOrTx, where: SQL | undefined): Promise<number[]> {
  const rows = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.state, "open"), where));
  return rows.map((r) => r.id);
}

/** Resolves every open alert of a record (docs/rules.md#r4) or of a connection's outage, with the reason in the history. */
export async function resolveAlerts(db: DbOrTx, where: SQL, detail: string, actor: Actor, now: Date): Promise<number[]> {
  const rows = await db
    .update(alerts)
    .set({ state: "resolved", resolvedAt: now })
    .where(and(eq(alerts.state, "open"), where))
    .returning({ id: alerts.id });
  const ids = rows.map((r) => r.id);
  await addAlertEvents(db, ids, "resolved", detail, actor, now);
  return ids;
}
