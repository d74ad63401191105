import { and, count, eq, gt, lt, min } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signInAttempts, type SignInAttemptKind } from "@/db/schema";

/**
 * How many sign-in tries an address and a client get (docs/security.md). Counted in the database, so every
 * app process shares one count.
 *
 * Passwords: 5 wrong ones per address, or 20 per client address, in 15 minutes; then password sign-in for
 * that address (or from that client) waits until the oldest of them is 15 minutes old — the right password
 * too. A try is recorded *before* the password is checked and removed if it was right, so 29 guesses sent at
 * once are counted as 29, not as 0 each.
 *
 * Sign-in links: 5 per address and 20 per client in 15 minutes; past that no email is sent and the page says
 * the same as always (it reveals nobody). An attacker cannot lock a person out of the link path: a password
 * lock never blocks links, and the link limit only caps how many are sent — the person still has the five
 * most recent in their inbox, each good for 24 hours.
 */
export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60_000,
  password: { perEmail: 5, perClient: 20 },
  link: { perEmail: 5, perClient: 20 },
} as const;

export type SignInClient = { email: string; client: string };
export type Reservation = { ok: true; attemptId: number; lastBeforeLock: boolean } | { ok: false; retryAt: Date };

/** The client address of a request: the proxy's X-Real-IP or the first X-Forwarded-For hop. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (headers.get("x-real-ip")?.trim() || forwarded || "unknown").slice(0, 64);
}

/** Counts a password try before it is checked; refused (and not counted) when the address or client is locked. */
export function reservePasswordTry(db: DbOrTx, who: SignInClient, now: Date): Promise<Reservation> {
  return reserve(db, "password_failed", who, now, SIGN_IN_LIMITS.password);
}

/** The password was right: the try does not count against anyone. */
export async function passwordTryWasRight(db: DbOrTx, attemptId: number): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.id, attemptId));
}

/** Counts a sign-in link request; `ok: false` means send nothing. */
export function reserveSignInLink(db: DbOrTx, who: SignInClient, now: Date): Promise<Reservation> {
  return reserve(db, "link_requested", who, now, SIGN_IN_LIMITS.link);
}

/** When password sign-in opens again for this address or client, or null if it is open now. */
export async function passwordLockedUntil(db: DbOrTx, who: SignInClient, now: Date): Promise<Date | null> {
  const { perEmail, perClient } = SIGN_IN_LIMITS.password;
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const [byEmail, byClient] = await Promise.all([
    tally(db, "password_failed", "email", who.email, since),
    tally(db, "password_failed", "client", who.client, since),
  ]);
  return latest([byEmail.n >= perEmail ? byEmail.reopensAt : null, byClient.n >= perClient ? byClient.reopensAt : null]);
}

async function reserve(
  db: DbOrTx,
  kind: SignInAttemptKind,
  who: SignInClient,
  now: Date,
  limit: { perEmail: number; perClient: number },
): Promise<Reservation> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const email = who.email.trim().toLowerCase();
  await db.delete(signInAttempts).where(lt(signInAttempts.at, since));
  const [row] = await db.insert(signInAttempts).values({ kind, email, client: who.client, at: now }).returning({ id: signInAttempts.id });
  const [byEmail, byClient] = await Promise.all([tally(db, kind, "email", email, since), tally(db, kind, "client", who.client, since)]);
  if (byEmail.n <= limit.perEmail && byClient.n <= limit.perClient) {
    return { ok: true, attemptId: row!.id, lastBeforeLock: byEmail.n === limit.perEmail };
  }
  // Over the limit: this try is refused, and not counted, so a locked address opens again on time.
  await db.delete(signInAttempts).where(eq(signInAttempts.id, row!.id));
  const retryAt = latest([byEmail.n > limit.perEmail ? byEmail.reopensAt : null, byClient.n > limit.perClient ? byClient.reopensAt : null]);
  return { ok: false, retryAt: retryAt ?? new Date(now.getTime() + SIGN_IN_LIMITS.windowMs) };
}

/**
 * How many tries are in the window, and when the window has room again. Exact for a limit reached once; with
 * more tries than the limit in the window (only concurrent ones get there) it is the oldest one's expiry.
 */
async function tally(db: DbOrTx, kind: SignInAttemptKind, by: "email" | "client", value: string, since: Date) {
  const column = by === "email" ? signInAttempts.email : signInAttempts.client;
  const [row] = await db
    .select({ n: count(), oldest: min(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.kind, kind), eq(column, value), gt(signInAttempts.at, since)));
  const oldest = row?.oldest == null ? null : new Date(row.oldest as unknown as number | Date);
  return { n: Number(row?.n ?? 0), reopensAt: oldest ? new Date(oldest.getTime() + SIGN_IN_LIMITS.windowMs) : null };
}

function latest(dates: (Date | null)[]): Date | null {
  const present = dates.filter((d): d is Date => d !== null);
  return present.length ? new Date(Math.max(...present.map((d) => d.getTime()))) : null;
}
