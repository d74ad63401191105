import type { Delivery } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import { retrySettings, type EngineContext } from "../core/context";
import { releaseClaims } from "./claim";
import { loadTarget } from "./load-target";
import { makeAttempt, planAttempt } from "./make-attempt";
import { recordAttempts } from "./record-attempts";

export type AttemptResult = {
  deliveryId: number;
  result: "succeeded" | "retrying" | "held" | "skipped";
  outcome: Outcome | null;
  /** The connection is down after this attempt (outage rule). */
  connectionDown: boolean;
  /** Not sent: the connection is down (or went down while this attempt waited its turn); its claim was given back. */
  notSent?: true;
};

export const RESULT = { success: "succeeded", transient: "retrying", rejected: "retrying", needs_person: "held" } as const;

/** A retrying record whose window has closed is skipped, not sent (docs/rules.md#r1, #r2). */
export function windowClosed(claimed: Delivery, now: Date): boolean {
  return claimed.status === "retrying" && claimed.giveUpAt !== null && claimed.giveUpAt <= now;
}

/** The result of an attempt the gate held back: the record stays due and goes with the connection's backlog. */
export const NOT_SENT = (deliveryId: number): AttemptResult => ({
  deliveryId,
  result: "retrying",
  outcome: null,
  connectionDown: true,
  notSent: true,
});

/**
 * Attempts one claimed record on its own (a person's resend, a webhook's send-at-once): skips it if its
 * window has closed, holds an order whose ship method is not mapped without calling the WMS, otherwise
 * sends it and records the outcome.
 */
export async function attemptDelivery(ctx: EngineContext, claimed: Delivery): Promise<AttemptResult> {
  const { db } = ctx;
  if (windowClosed(claimed, ctx.now)) {
    await db.transaction((tx) => recordAttempts(tx, [{ skip: claimed }], ctx));
    return { deliveryId: claimed.id, result: "skipped", outcome: null, connectionDown: false };
  }
  // A person's resend or retry of a down connection's record is its probe: it asks "are you back?" at once.
  const attempt = await makeAttempt(planAttempt(await loadTarget(db, claimed)), ctx.send, retrySettings(ctx), ctx.actor?.type === "user");
  if (!attempt) {
    if (claimed.leaseOwner) await releaseClaims(db, [claimed.id], claimed.leaseOwner);
    return NOT_SENT(claimed.id);
  }
  const [connectionDown] = await db.transaction((tx) => recordAttempts(tx, [{ attempt }], ctx));
  return { deliveryId: claimed.id, result: RESULT[attempt.outcome.kind], outcome: attempt.outcome, connectionDown: connectionDown! };
}
