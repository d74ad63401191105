import type { Outcome } from "../connectors/outcome";
import { decideOutcome } from "../error-library/apply-policy";
import { DELIVERY_PATHS, idempotencyKey, type OutboundRequest, type Send } from "../connectors/send";
import { orderPayload, type AttemptTarget } from "./load-target";
import type { RetrySettings } from "./policy";
import { throughGate } from "./send-gate";

// One attempt, before anything is written: what goes out, and its outcome. attempt-delivery.ts and
// process-connection.ts make attempts; record-attempts.ts writes them (and imports only these types from here).

/** An attempt about to be made: what goes out, or — for an order whose ship method is not mapped — the outcome without a send. */
export type PlannedAttempt = { target: AttemptTarget; payload: Record<string, unknown>; payloadVersion: number; outcome: Outcome | null };
/** An attempt made: its outcome, and whether it was really sent. */
export type FinishedAttempt = PlannedAttempt & { outcome: Outcome; sent: boolean };

/** What an attempt sends: an order is built from the order as it is now, so an edit or a new mapping is what goes out. */
export function planAttempt(target: AttemptTarget): PlannedAttempt {
  const { delivery, order, mapping, skuMap } = target;
  if (delivery.kind !== "order_to_wms" || !order)
    return { target, payload: delivery.payload, payloadVersion: delivery.payloadVersion, outcome: null };
  const payload = orderPayload(order, mapping, skuMap);
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
export async function makeAttempt(
  plan: PlannedAttempt,
  send: Send,
  settings: RetrySettings,
  probe = false,
): Promise<FinishedAttempt | null> {
  if (plan.outcome) return { ...plan, outcome: plan.outcome, sent: false };
  const outcome = await throughGate(plan.target.connection, settings.outageThreshold, () => send(outboundRequest(plan)), { probe });
  return outcome ? { ...plan, outcome: libraryOutcome(plan.target, outcome), sent: true } : null;
}

/** The error library's policy decides what a failed answer leads to, before anything is written (docs/rules.md#r6). */
export function libraryOutcome(target: AttemptTarget, outcome: Outcome): Outcome {
  if (outcome.kind === "success") return outcome;
  const { delivery, connection } = target;
  const source = { platform: connection.platform, connectionKind: connection.kind, deliveryKind: delivery.kind, sku: delivery.sku };
  return decideOutcome(outcome, source, target.rules, delivery.attempts + 1).outcome;
}
