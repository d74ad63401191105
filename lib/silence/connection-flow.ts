// What the silence watch reads about one connection (docs/silence.md): its hourly flow from the tallies, its last
// events, the last call Fixline made to it that succeeded, and for a WMS the orders that reached it since.
import { and, desc, eq, gt, gte, max, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connectionFlowHours, deliveries, webhookReceipts, type Connection } from "@/db/schema";

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** The event a connection's flow is made of: orders from a cart, shipments from a WMS. */
export function flowEvent(kind: Connection["kind"]): "order.upserted" | "shipment.created" {
  return kind === "cart" ? "order.upserted" : "shipment.created";
}

/** Events per UTC hour over the last `weeks` + 1 weeks. */
export async function hourlyFlow(
  db: DbOrTx,
  connectionId: number,
  eventType: string,
  now: Date,
  weeks: number,
): Promise<Map<number, number>> {
  const from = Math.floor((now.getTime() - (weeks + 1) * WEEK) / HOUR);
  const rows = await db
    .select({ hour: connectionFlowHours.hour, n: connectionFlowHours.n })
    .from(connectionFlowHours)
    .where(
      and(
        eq(connectionFlowHours.connectionId, connectionId),
        eq(connectionFlowHours.eventType, eventType),
        gte(connectionFlowHours.hour, from),
      ),
    );
  return new Map(rows.map((r) => [r.hour, r.n]));
}

/** The connection's first hour with any flow: a connection's history starts there, or at its creation if later. */
export async function firstFlowHour(db: DbOrTx, connectionId: number, eventType: string): Promise<Date | null> {
  const [row] = await db
    .select({ hour: sql<number | null>`min(${connectionFlowHours.hour})` })
    .from(connectionFlowHours)
    .where(and(eq(connectionFlowHours.connectionId, connectionId), eq(connectionFlowHours.eventType, eventType)));
  return row?.hour == null ? null : new Date(Number(row.hour) * HOUR);
}

/** The last event of a type received from the connection, and the last of any type. */
export async function lastEvents(db: DbOrTx, connectionId: number, eventType: string) {
  const [flow] = await db
    .select({ at: webhookReceipts.receivedAt })
    .from(webhookReceipts)
    .where(and(eq(webhookReceipts.connectionId, connectionId), eq(webhookReceipts.eventType, eventType)))
    .orderBy(desc(webhookReceipts.receivedAt))
    .limit(1);
  const [any] = await db
    .select({ at: webhookReceipts.receivedAt, type: webhookReceipts.eventType })
    .from(webhookReceipts)
    .where(eq(webhookReceipts.connectionId, connectionId))
    .orderBy(desc(webhookReceipts.receivedAt))
    .limit(1);
  return { flowAt: flow?.at ?? null, anyAt: any?.at ?? null, anyType: any?.type ?? null };
}

/** The webhooks of other types received since an instant: whether the connection still sends anything at all. */
export async function otherEventsSince(db: DbOrTx, connectionId: number, eventType: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(webhookReceipts)
    .where(
      and(
        eq(webhookReceipts.connectionId, connectionId),
        gt(webhookReceipts.receivedAt, since),
        sql`${webhookReceipts.eventType} <> ${eventType}`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** The last call Fixline made to the connection that it answered with success. */
export async function lastSuccessfulCall(db: DbOrTx, connectionId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(deliveries.lastAttemptAt) })
    .from(deliveries)
    .where(and(eq(deliveries.connectionId, connectionId), eq(deliveries.status, "succeeded")));
  return row?.at ?? null;
}

/** Orders the WMS accepted since an instant: a WMS that gets orders but sends no shipments is silent, one that gets none is idle. */
export async function ordersAcceptedSince(db: DbOrTx, wmsId: number, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.connectionId, wmsId),
        eq(deliveries.kind, "order_to_wms"),
        eq(deliveries.status, "succeeded"),
        gt(deliveries.lastAttemptAt, since),
      ),
    );
  return Number(row?.n ?? 0);
}
