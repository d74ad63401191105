import { eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";

/**
 * Sessions are JWTs in a cookie (docs/security.md): a copied cookie would work until it expires (30 days)
 * unless the server can say no. Each session carries its own id and the user's session version when it began;
 * it is good while the user exists, the version is unchanged (a password change or a removal from an account
 * bumps it: every session of that user ends) and its id was not revoked (signing out ends that session only).
 * Checked on every read of the session: one indexed statement (bench/session-check.ts measures it).
 */
export type SessionClaims = { userId: string; sessionId: string; version: number };

/** What the pages need of a current session's user, read in the same statement (docs/rules.md#t3). */
export type SessionUser = { id: string; name: string | null; email: string; timeZone: string };

/** The session's user when the session is current; null when it is not (revoked, outdated, user gone). */
export async function readSession(db: DbOrTx, claims: SessionClaims): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      version: users.sessionVersion,
      name: users.name,
      email: users.email,
      timeZone: users.timeZone,
      revoked: sql<number>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${claims.sessionId})`,
    })
    .from(users)
    .where(eq(users.id, claims.userId));
  return row && row.version === claims.version && !Number(row.revoked)
    ? { id: claims.userId, name: row.name, email: row.email, timeZone: row.timeZone }
    : null;
}

/** The version a new session of this user starts with, or null for a user that no longer exists. */
export async function currentSessionVersion(db: DbOrTx, userId: string): Promise<number | null> {
  const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row ? row.version : null;
}

/** Ends one session (sign-out). Kept until the cookie would have expired anyway; expired ones are pruned. */
export async function revokeSession(db: DbOrTx, input: { sessionId: string; userId: string; expiresAt: Date }, now: Date): Promise<void> {
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
  await db.insert(revokedSessions).values(input).onConflictDoNothing();
}

/** Ends every session of the user at once. */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
