import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, deliveries } from "@/db/schema";

/** WMS connections with failed or unsent orders due for the hourly retry (docs/rules.md#r1). */
export async function connectionsWithDueOrders(db: DbOrTx, now: Date): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: deliveries.connectionId })
    .from(deliveries)
    .where(
      and(eq(deliveries.kind, "order_to_wms"), inArray(deliveries.status, ["retrying", "pending"]), lte(deliveries.nextAttemptAt, now)),
    )
    .orderBy(deliveries.connectionId);
  return rows.map((r) => r.id);
}

/** Connections whose sync interval has come round (a few seconds early counts, so a run is never missed). */
export async function connectionsDueForSync(db: DbOrTx, now: Date): Promise<number[]> {
  const rows = await db
    .select({ id: connections.id })
    .from(connections)
    .where(
      or(
        isNull(connections.lastSyncAt),
        lte(sql`${connections.lastSyncAt} + ${connections.syncIntervalMinutes} * 60000`, now.getTime() + 30_000),
      ),
    )
    .orderBy(connections.id);
  return rows.map((r) => r.id);
}

/**
 * Down connections whose next probe is due (docs/rules.md#r10): every probe interval, whatever their records' kind or their
 * sync interval, so a WMS or cart that is back is found within minutes. Paused ones are left alone.
 */
export async function connectionsDueForProbe(db: DbOrTx, now: Date, probeIntervalMs: number): Promise<number[]> {
  const since = now.getTime() - probeIntervalMs + 30_000;
  const rows = await db
    .select({ id: connections.id })
    .from(connections)
    .where(
      and(
        isNotNull(connections.downSince),
        isNull(connections.pausedAt),
        or(isNull(connections.lastProbeAt), lte(connections.lastProbeAt, new Date(since))),
      ),
    )
    .orderBy(connections.id);
  return rows.map((r) => r.id);
}
