import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accounts, connectionChanges, connections, deliveries, users } from "@/db/schema";
import { readerZone, type CoreContext } from "../core/context";
import { ConflictError, NotFoundError, parseFieldsOrRefuse } from "../errors";
import { formatDateTime } from "../format/time";
import { actorUserId } from "../retry/actor";
import { requireAdmin } from "../tenancy/roles";
import { within, type Scope } from "../tenancy/scope";

/** The sync intervals a connection may have, in minutes: from every 5 minutes to once a day. */
export const SYNC_INTERVAL_MINUTES = { min: 5, max: 1_440 } as const;

/**
 * An admin's change of a connection on Settings → Connections (docs/rules.md#r9): the sync interval, the endpoint
 * URL and the credential. The credential is write-only: left empty it stays as it is, and it is never shown or
 * recorded, only that it was replaced.
 */
export const ConnectionSettingsInput = z.object({
  syncIntervalMinutes: z.coerce
    .number({ error: "Enter the sync interval in minutes." })
    .int("Enter a whole number of minutes.")
    .min(SYNC_INTERVAL_MINUTES.min, `Sync at most every ${SYNC_INTERVAL_MINUTES.min} minutes.`)
    .max(SYNC_INTERVAL_MINUTES.max, "Sync at least once a day (1440 minutes)."),
  endpointUrl: z
    .string()
    .trim()
    .min(1, "Enter the endpoint URL.")
    .max(2_000, "That URL is too long.")
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
      } catch {
        return false;
      }
    }, "Enter an http:// or https:// URL, without a user name or password in it (the credential goes below)."),
  credential: z
    .string()
    .trim()
    .max(4_000, "That credential is too long.")
    .refine((value) => value === "" || value.length >= 8, "A credential is at least 8 characters; leave it empty to keep the current one."),
});
export type ConnectionSettingsInput = z.input<typeof ConnectionSettingsInput>;

async function managedConnection(db: DbOrTx, scope: Scope, connectionId: number) {
  const [row] = await db
    .select({ connection: connections, merchantName: accounts.name })
    .from(connections)
    .innerJoin(accounts, eq(accounts.id, connections.accountId))
    .where(and(eq(connections.id, connectionId), within(connections.accountId, scope.merchantIds)));
  if (!row) throw new NotFoundError("Connection");
  requireAdmin(scope, row.connection.accountId, row.merchantName);
  return row.connection;
}

/**
 * Saves an admin's change of a connection's settings. Invalid input changes nothing and says what is wrong, per
 * field; each changed setting is recorded with who and when. The next attempt uses the new endpoint and
 * credential (they are read when a record is claimed), the next sync the new interval.
 */
export async function updateConnectionSettings(
  ctx: Pick<CoreContext, "db" | "scope" | "actor" | "now">,
  { connectionId, settings }: { connectionId: number; settings: unknown },
) {
  const { db, scope, actor, now } = ctx;
  const { syncIntervalMinutes, endpointUrl, credential } = parseFieldsOrRefuse(ConnectionSettingsInput, settings);
  return db.transaction(async (tx) => {
    const connection = await managedConnection(tx, scope, connectionId);
    const changes: { field: string; detail: string }[] = [];
    if (syncIntervalMinutes !== connection.syncIntervalMinutes)
      changes.push({
        field: "sync_interval",
        detail: `Sync interval: every ${connection.syncIntervalMinutes} min → every ${syncIntervalMinutes} min.`,
      });
    if (endpointUrl !== connection.endpointUrl)
      changes.push({ field: "endpoint_url", detail: `Endpoint URL: ${connection.endpointUrl} → ${endpointUrl}.` });
    if (credential && credential !== connection.credential) changes.push({ field: "credential", detail: "Credential replaced." });
    if (changes.length === 0) return { changed: 0 };
    await tx
      .update(connections)
      .set({ syncIntervalMinutes, endpointUrl, ...(credential ? { credential } : {}), updatedAt: now })
      .where(eq(connections.id, connection.id));
    await tx
      .insert(connectionChanges)
      .values(changes.map((c) => ({ connectionId: connection.id, actorUserId: actorUserId(actor), ...c, at: now })));
    return { changed: changes.length };
  });
}

/**
 * Pauses a connection: nothing is sent to it, nothing is skipped and it is not probed until it is resumed; its
 * records' windows stand still (docs/delivery-states.md). A send already in flight finishes under its lease.
 */
export async function pauseConnection(
  ctx: Pick<CoreContext, "db" | "scope" | "actor" | "now" | "timeZone">,
  { connectionId }: { connectionId: number },
) {
  const { db, scope, actor, now } = ctx;
  return db.transaction(async (tx) => {
    const connection = await managedConnection(tx, scope, connectionId);
    if (connection.pausedAt)
      throw new ConflictError(`${connection.name} has been paused since ${formatDateTime(connection.pausedAt, readerZone(ctx))}.`);
    await tx
      .update(connections)
      .set({ pausedAt: now, pausedByUserId: actorUserId(actor), updatedAt: now })
      .where(eq(connections.id, connection.id));
    await tx.insert(connectionChanges).values({
      connectionId: connection.id,
      actorUserId: actorUserId(actor),
      field: "paused",
      detail: "Paused: nothing is sent to it.",
      at: now,
    });
  });
}

/**
 * Resumes a paused connection. Its records' windows are moved on by the pause's length, so the pause costs none
 * of a record's retry window; what fell due meanwhile is sent at the next run.
 */
export async function resumeConnection(
  ctx: Pick<CoreContext, "db" | "scope" | "actor" | "now">,
  { connectionId }: { connectionId: number },
) {
  const { db, scope, actor, now } = ctx;
  return db.transaction(async (tx) => {
    const connection = await managedConnection(tx, scope, connectionId);
    if (!connection.pausedAt) throw new ConflictError(`${connection.name} is not paused.`);
    const pausedMs = Math.max(0, now.getTime() - connection.pausedAt.getTime());
    await tx
      .update(deliveries)
      .set({ giveUpAt: sql`${deliveries.giveUpAt} + ${pausedMs}` })
      .where(
        and(
          eq(deliveries.connectionId, connection.id),
          inArray(deliveries.status, ["pending", "retrying"]),
          isNotNull(deliveries.giveUpAt),
        ),
      );
    await tx.update(connections).set({ pausedAt: null, pausedByUserId: null, updatedAt: now }).where(eq(connections.id, connection.id));
    const minutes = Math.round(pausedMs / 60_000);
    await tx.insert(connectionChanges).values({
      connectionId: connection.id,
      actorUserId: actorUserId(actor),
      field: "resumed",
      detail: `Resumed after ${minutes} min paused; retry windows moved on by as much.`,
      at: now,
    });
  });
}

/** The latest changes of the caller's connections, newest first, with who made them. */
export async function listConnectionChanges(db: DbOrTx, scope: Scope, limitPerConnection = 5) {
  const rows = await db
    .select({
      connectionId: connectionChanges.connectionId,
      detail: connectionChanges.detail,
      at: connectionChanges.at,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(connectionChanges)
    .innerJoin(connections, eq(connections.id, connectionChanges.connectionId))
    .leftJoin(users, eq(users.id, connectionChanges.actorUserId))
    .where(within(connections.accountId, scope.merchantIds))
    .orderBy(desc(connectionChanges.at), desc(connectionChanges.id))
    .limit(200);
  const byConnection = new Map<number, typeof rows>();
  for (const row of rows) {
    const list = byConnection.get(row.connectionId) ?? [];
    if (list.length < limitPerConnection) list.push(row);
    byConnection.set(row.connectionId, list);
  }
  return byConnection;
}

/** The caller's paused connections, for the Alerts tab's notice. */
export async function listPausedConnections(db: DbOrTx, scope: Scope) {
  return db
    .select({
      id: connections.id,
      name: connections.name,
      merchantName: accounts.name,
      pausedAt: connections.pausedAt,
      pausedBy: users.name,
    })
    .from(connections)
    .innerJoin(accounts, eq(accounts.id, connections.accountId))
    .leftJoin(users, eq(users.id, connections.pausedByUserId))
    .where(and(within(connections.accountId, scope.merchantIds), isNotNull(connections.pausedAt)))
    .orderBy(connections.id);
}

/** Whether a connection is paused, and the sentence a refused send says. */
export async function pausedNote(db: DbOrTx, connectionId: number, timeZone: string): Promise<string | null> {
  const [row] = await db
    .select({ name: connections.name, pausedAt: connections.pausedAt })
    .from(connections)
    .where(and(eq(connections.id, connectionId), isNotNull(connections.pausedAt)));
  if (!row?.pausedAt) return null;
  return `${row.name} is paused (since ${formatDateTime(row.pausedAt, timeZone)}): nothing was sent. An admin resumes it on Settings → Connections; what waits is sent then.`;
}
