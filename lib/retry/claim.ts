import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { CLAIMABLE, deliveries, type ClaimableStatus, type Delivery, type DeliveryKind } from "@/db/schema";

export type ClaimFilter = { connectionId: number; kinds: DeliveryKind[]; statuses: ClaimableStatus[] };

const leaseFree = (at: Date) => or(isNull(deliveries.leaseExpiresAt), lte(deliveries.leaseExpiresAt, at));

/**
 * Claims up to `limit` due records of one connection, oldest record first, in one atomic statement (docs/rules.md#r7): each row
 * is leased to `owner` until the lease expires, so two workers never attempt the same record, and a
 * crashed worker's records come back once its lease runs out. The claim index (connection, created) over
 * unsent records serves the order, so a claim costs the same on the first batch of a backlog as on the last.
 */
export async function claimDueDeliveries(
  db: DbOrTx,
  filter: ClaimFilter,
  opts: { now: Date; leaseNow: Date; leaseMs: number; owner: string; limit: number },
): Promise<Delivery[]> {
  const due = dueRecords(db, filter, opts).limit(opts.limit);
  const claimed = await db
    .update(deliveries)
    .set({ leaseOwner: opts.owner, leaseExpiresAt: new Date(opts.leaseNow.getTime() + opts.leaseMs) })
    .where(and(inArray(deliveries.id, due), leaseFree(opts.leaseNow)))
    .returning();
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
}

/** The ids of a connection's due, unleased records, oldest first: what a claim takes from. */
export function dueRecords(db: DbOrTx, filter: ClaimFilter, opts: { now: Date; leaseNow: Date }) {
  return db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.connectionId, filter.connectionId),
        inArray(deliveries.kind, filter.kinds),
        inArray(deliveries.status, filter.statuses),
        // Implied by the line above, but SQLite picks a partial index only when its condition appears literally.
        CLAIMABLE,
        lte(deliveries.nextAttemptAt, opts.now),
        leaseFree(opts.leaseNow),
      ),
    )
    .orderBy(asc(deliveries.createdAt), asc(deliveries.id));
}

/** Claims one record for a person's action (resend, retry now); null when a worker holds it right now. */
export async function claimDelivery(db: DbOrTx, id: number, opts: { leaseNow: Date; leaseMs: number; owner: string }) {
  const [row] = await db
    .update(deliveries)
    .set({ leaseOwner: opts.owner, leaseExpiresAt: new Date(opts.leaseNow.getTime() + opts.leaseMs) })
    .where(and(eq(deliveries.id, id), leaseFree(opts.leaseNow)))
    .returning();
  return row ?? null;
}

/** Gives claimed records back unattempted (e.g. the connection went down mid-batch). */
export async function releaseClaims(db: DbOrTx, ids: number[], owner: string) {
  if (ids.length === 0) return;
  await db
    .update(deliveries)
    .set({ leaseOwner: null, leaseExpiresAt: null })
    .where(and(inArray(deliveries.id, ids), eq(deliveries.leaseOwner, owner)));
}
