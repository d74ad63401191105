import type { DbOrTx } from "@/db/client";
import { passwordLockedUntil, passwordTryWasRight, reservePasswordTry, SIGN_IN_LIMITS } from "./sign-in-limits";
import { findUserByEmail, verifyPassword } from "./verify-password";

export type LockNotice = { to: string; attemptId: number; failures: number; client: string; at: Date; retryAt: Date };

/**
 * A password sign-in under the limits of sign-in-limits.ts: the user, or null (wrong, or locked — the caller
 * tells them apart with passwordLockedUntil). The try that reaches the limit tells the address's owner once.
 */
export async function passwordSignIn(
  db: DbOrTx,
  input: { email: string; password: string; client: string },
  now: Date,
  notifyLocked: (notice: LockNotice) => Promise<unknown>,
) {
  const reservation = await reservePasswordTry(db, { email: input.email, client: input.client }, now);
  if (!reservation.ok) return null;
  const user = await verifyPassword(db, input.email, input.password);
  if (user) {
    await passwordTryWasRight(db, reservation.attemptId);
    return user;
  }
  if (reservation.lastBeforeLock && (await findUserByEmail(db, input.email))) {
    // When sign-in really opens again (the oldest of the failures leaves the window), as the form says it.
    const retryAt =
      (await passwordLockedUntil(db, { email: input.email, client: input.client }, now)) ??
      new Date(now.getTime() + SIGN_IN_LIMITS.windowMs);
    await notifyLocked({
      to: input.email,
      attemptId: reservation.attemptId,
      failures: SIGN_IN_LIMITS.password.perEmail,
      client: input.client,
      at: now,
      retryAt,
    }).catch((error: unknown) => console.error("could not send the sign-in lock notice", error));
  }
  return null;
}
