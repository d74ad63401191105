import type { Delivery } from "@/db/schema";
import { retrySettings, type EngineContext } from "../core/context";
import type { Outcome } from "../connectors/outcome";
import { DELIVERY_PATHS, idempotencyKey, type OutboundRequest, type Send } from "../connectors/send";
import { releaseClaims } from "./claim";
import { loadTarget, orderPayload, type AttemptTarget } from "./load-target";
import { throughGate } from "./send-gate";
import type { RetrySettings } from "./policy";
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

/** An attempt about to be made: what goes out, or — for an order whose ship method is not mapped — the outcome without a send. */
export type PlannedAttempt = { target: AttemptTarget; payload: Record<string, unknown>; payloadVersion: number; outcome: Outcome | null };
/** An attempt made: its outcome, and whether it was really sent. */
export type FinishedAttempt = PlannedAttempt & { outcome: Outcome; sent: boolean };

export const RESULT = { success: "succeeded", transient: "retrying", rejected: "retrying", needs_person: "held" } as const;

/** A retrying record whose window has closed is skipped, not sent (docs/rules.md#r1, #r2). */
export function windowClosed(claimed: Delivery, now: Date): boolean {
  return claimed.status === "retrying" && claimed.giveUpAt !== null && claimed.giveUpAt <= now;
}

/** What an attempt sends: an order is built from the order as it is now, so an edit or a new mapping is what goes out. */
export function planAttempt(target: AttemptTarget): PlannedAttempt {
  const { delivery, order, mapping } = target;
  if (delivery.kind !== "order_to_wms" || !order)
    return { target, payload: delivery.payload, payloadVersion: delivery.payloadVersion, outcome: null };
  const payload = orderPayload(order, mapping);
  if (mapping) return { target, payload, payloadVersion: order.payloadVersion, outcome: null };
  const message = `Ship method '${order.shipMethodLabel}' is not mapped to a carrier service at ${target.warehouseName}.`;
  return {
    target,
    payload,
    payloadVersion: order.payloadVersion,
    outcome: { kind: "needs_person", status: null, code: "ship_method_unmapped", message },
  };
}

export function outboundRequest({ target, payload, payloadVersion }: PlannedAttempt): OutboundRequest {
  const { delivery, connection } = target;
  return {
    endpointUrl: connection.endpointUrl,
    credential: connection.credential,
    path: DELIVERY_PATHS[delivery.kind],
    payload,
    idempotencyKey: idempotencyKey({ id: delivery.id, kind: delivery.kind, payloadVersion }),
  };
}

/**
 * Makes a planned attempt: sends it unless its outcome is already known, through the connection's send gate (the
 * outage rule, exact: send-gate.ts). Null when the gate did not let it go: the connection is down.
 */
export async function makeAttempt(plan: PlannedAttempt, send: Send, settings: RetrySettings, probe = false): Promise<FinishedAttempt | null> {
  if (plan.outcome) return { ...plan, outcome: plan.outcome, sent: false };
  const outcome = await throughGate(plan.target.connection, settings.outageThreshold, () => send(outboundRequest(plan)), { probe });
  return outcome ? { ...plan, outcome, sent: true } : null;
}

/** The result of an attempt the gate held back: the record stays due and goes with the connection's backlog. */
export const NOT_SENT = (deliveryId: number): AttemptResult => ({ deliveryId, result: "retrying", outcome: null, connectionDown: true, notSent: true });

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
