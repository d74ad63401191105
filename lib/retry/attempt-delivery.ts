import type { Db } from "@/db/client";
import type { Delivery } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import { DELIVERY_PATHS, idempotencyKey, type OutboundRequest, type Send } from "../connectors/send";
import { SYSTEM, type Actor } from "./actor";
import { loadTarget, orderPayload, type AttemptTarget } from "./load-target";
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from "./policy";
import { recordAttempts, type RecordContext } from "./record-attempts";

export type EngineDeps = {
  /** The time the engine acts at: due-ness, windows and history use it. */
  now: Date;
  send: Send;
  settings?: RetrySettings;
  actor?: Actor;
};

export type AttemptResult = {
  deliveryId: number;
  result: "succeeded" | "retrying" | "held" | "skipped";
  outcome: Outcome | null;
  /** The connection is down after this attempt (outage rule). */
  connectionDown: boolean;
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

/** Makes a planned attempt: sends it unless its outcome is already known. */
export async function makeAttempt(plan: PlannedAttempt, send: Send): Promise<FinishedAttempt> {
  if (plan.outcome) return { ...plan, outcome: plan.outcome, sent: false };
  return { ...plan, outcome: await send(outboundRequest(plan)), sent: true };
}

export function recordContext(deps: EngineDeps): RecordContext {
  return { now: deps.now, actor: deps.actor ?? SYSTEM, settings: deps.settings ?? DEFAULT_RETRY_SETTINGS };
}

/**
 * Attempts one claimed record on its own (a person's resend, a webhook's send-at-once): skips it if its
 * window has closed, holds an order whose ship method is not mapped without calling the WMS, otherwise
 * sends it and records the outcome.
 */
export async function attemptDelivery(db: Db, claimed: Delivery, deps: EngineDeps): Promise<AttemptResult> {
  const ctx = recordContext(deps);
  if (windowClosed(claimed, deps.now)) {
    await db.transaction((tx) => recordAttempts(tx, [{ skip: claimed }], ctx));
    return { deliveryId: claimed.id, result: "skipped", outcome: null, connectionDown: false };
  }
  const attempt = await makeAttempt(planAttempt(await loadTarget(db, claimed)), deps.send);
  const [connectionDown] = await db.transaction((tx) => recordAttempts(tx, [{ attempt }], ctx));
  return { deliveryId: claimed.id, result: RESULT[attempt.outcome.kind], outcome: attempt.outcome, connectionDown: connectionDown! };
}
