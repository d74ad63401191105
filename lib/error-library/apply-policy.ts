import type { ConnectionKind, DeliveryKind } from "@/db/schema";
import type { FailedOutcome } from "../connectors/outcome";
import { diagnose, type RuleInForce } from "./diagnose";
import type { Diagnosis, ErrorFacts } from "./types";

/** Where an answer came from, as the library needs it. */
export type AnswerSource = {
  platform: string;
  connectionKind: ConnectionKind;
  deliveryKind: DeliveryKind;
  sku?: string | null;
};

export function factsOf(outcome: FailedOutcome, source: AnswerSource): ErrorFacts {
  return {
    platform: source.platform,
    connectionKind: source.connectionKind,
    deliveryKind: source.deliveryKind,
    status: outcome.status,
    code: outcome.code,
    message: outcome.message,
    sku: source.sku ?? null,
  };
}

/**
 * docs/rules.md#r6: the library's policy decides what a failed answer leads to — held at once, held after some tries,
 * the connection's problem, or retried on the cadence; without a match, today's classification stands.
 * `attempts` counts this attempt.
 */
export function decideOutcome(
  outcome: FailedOutcome,
  source: AnswerSource,
  rules: readonly RuleInForce[],
  attempts: number,
): { outcome: FailedOutcome; diagnosis: Diagnosis } {
  const diagnosis = diagnose(factsOf(outcome, source), rules);
  return { outcome: applyPolicy(outcome, diagnosis, attempts), diagnosis };
}

export function applyPolicy(outcome: FailedOutcome, diagnosis: Diagnosis, attempts: number): FailedOutcome {
  if (diagnosis.origin === "default") return outcome;
  const { status, code, message } = outcome;
  const decidedBy = {
    id: diagnosis.id,
    headline: diagnosis.headline,
    fix: diagnosis.fix,
    ...(diagnosis.subject?.sku ? { sku: diagnosis.subject.sku } : {}),
  };
  const held: FailedOutcome = { kind: "needs_person", status, code, message, decidedBy };
  const policy = diagnosis.policy;
  if (policy.kind === "hold") return held;
  if (policy.kind === "hold_after") return attempts >= policy.tries ? held : { ...retried(outcome), decidedBy };
  if (policy.kind === "connection") {
    const retryAfterMs = outcome.kind === "transient" ? outcome.retryAfterMs : null;
    return { kind: "transient", status, code, message, retryAfterMs, connectionLevel: true, decidedBy };
  }
  return { ...retried(outcome), decidedBy };
}

/** A failure to retry on the cadence: transient when it says nothing about the system being reachable, else rejected. */
function retried(outcome: FailedOutcome): FailedOutcome {
  if (outcome.kind !== "needs_person") return outcome;
  const { status, code, message } = outcome;
  if (status == null || status === 408 || status === 429 || status >= 500)
    return { kind: "transient", status, code, message, retryAfterMs: null };
  return { kind: "rejected", status, code, message };
}
