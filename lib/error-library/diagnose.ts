import type { ErrorRule, RuleTreatment } from "@/db/schema";
import { NEEDS_PERSON_CODES } from "../connectors/outcome";
import { findEntry, platformMatches } from "./catalogue";
import type { Diagnosis, ErrorFacts, FixKind, LibraryEntry, Policy } from "./types";

/** A warehouse rule as the library reads it: the row, and the name of the person who made it. */
export type RuleInForce = ErrorRule & { madeByName?: string | null };

/**
 * What an error is taken for (docs/rules.md#r6): a warehouse's rule first, then the built-in catalogue, then the
 * status-code default — today's classification, which says plainly that the error is not recognised.
 */
export function diagnose(facts: ErrorFacts, rules: readonly RuleInForce[] = []): Diagnosis {
  const found = findEntry(facts);
  const fromEntry = found ? entryDiagnosis(found.entry, found.groups, facts) : null;
  const rule = rules.find((r) => ruleMatches(r, facts));
  if (rule) return ruleDiagnosis(rule, fromEntry, facts);
  return fromEntry ?? defaultDiagnosis(facts);
}

export function ruleMatches(rule: ErrorRule, facts: ErrorFacts): boolean {
  if (rule.platform && !platformMatches([rule.platform.toLowerCase()], facts.platform)) return false;
  if (rule.connectionKind && rule.connectionKind !== facts.connectionKind) return false;
  if (rule.httpStatus != null && rule.httpStatus !== facts.status) return false;
  if (rule.errorCode && rule.errorCode.toLowerCase() !== (facts.code ?? "").toLowerCase()) return false;
  if (rule.messageContains && !facts.message.toLowerCase().includes(rule.messageContains.toLowerCase())) return false;
  return Boolean(rule.platform || rule.connectionKind || rule.httpStatus != null || rule.errorCode || rule.messageContains);
}

const SKU_IN_MESSAGE = /\(SKU ([^)\s]+)\)|\bSKU ([A-Z0-9][A-Z0-9._-]+)/;

function subjectOf(groups: Record<string, string>, facts: ErrorFacts, entry?: LibraryEntry) {
  const fromMessage = SKU_IN_MESSAGE.exec(facts.message);
  const sku = groups.sku ?? facts.sku ?? fromMessage?.[1] ?? fromMessage?.[2];
  const label = groups.subject ?? (entry?.subjectPattern ? entry.subjectPattern.exec(facts.message)?.groups?.subject : undefined);
  if (!sku && !label) return null;
  return { ...(sku ? { sku } : {}), ...(label ? { label } : {}) };
}

function fill(text: string, subject: Diagnosis["subject"]): string {
  return text
    .replace("{sku}", subject?.sku ?? "in this order")
    .replace("{subject}", subject?.label ?? "this value")
    .replace("SKU in this order is", "A SKU in this order is");
}

function entryDiagnosis(entry: LibraryEntry, groups: Record<string, string>, facts: ErrorFacts): Diagnosis {
  const subject = subjectOf(groups, facts, entry);
  // A credential is renewed by whoever administers the connection: the warehouse for its WMS.
  const fixer = entry.fix === "renew_credential" && facts.connectionKind === "wms" ? "warehouse" : entry.fixer;
  return {
    origin: "library",
    id: entry.id,
    explained: true,
    headline: fill(entry.headline, subject),
    cause: entry.cause,
    fixer,
    fix: entry.fix,
    policy: entry.policy,
    source: entry.source,
    subject,
  };
}

const RULE_WORDING: Record<RuleTreatment, { headline: string; policy: Policy; fix: (facts: ErrorFacts) => FixKind }> = {
  needs_person: {
    headline: "Your warehouse treats this error as needing a person",
    policy: { kind: "hold" },
    fix: (f) => (f.connectionKind === "cart" ? "check_in_cart" : "check_in_wms"),
  },
  retryable: { headline: "Your warehouse treats this error as one that heals by itself", policy: { kind: "retry" }, fix: () => "wait" },
  connection: {
    headline: "Your warehouse treats this error as a problem of the whole connection",
    policy: { kind: "connection" },
    fix: () => "renew_credential",
  },
};

function ruleDiagnosis(rule: RuleInForce, fromEntry: Diagnosis | null, facts: ErrorFacts): Diagnosis {
  const wording = RULE_WORDING[rule.treatAs];
  const sameTreatment = fromEntry && fromEntry.policy.kind === wording.policy.kind;
  return {
    origin: "rule",
    id: `rule:${rule.id}`,
    explained: true,
    headline: rule.note ? rule.note : (fromEntry?.headline ?? wording.headline),
    cause: fromEntry?.cause ?? `${wording.headline}. The message from the system is below.`,
    fixer: rule.treatAs === "retryable" ? "nobody" : (fromEntry?.fixer ?? "warehouse"),
    fix: sameTreatment ? fromEntry.fix : wording.fix(facts),
    policy: wording.policy,
    source: null,
    subject: fromEntry?.subject ?? subjectOf({}, facts),
    madeBy: { name: rule.madeByName ?? "a warehouse admin", at: rule.updatedAt },
  };
}

/** Today's classification (docs/rules.md#r6) for what the library does not know. */
function defaultDiagnosis(facts: ErrorFacts): Diagnosis {
  const needsPerson = facts.code != null && (NEEDS_PERSON_CODES as readonly string[]).includes(facts.code);
  return {
    origin: "default",
    id: needsPerson ? "default:needs_person" : "default:retry",
    explained: false,
    headline: "Fixline does not recognise this error yet",
    cause: needsPerson
      ? "The system marked it as needing a person; the record is held until someone updates it. Its message is below."
      : "It is retried on the usual cadence. If retrying cannot fix it, a warehouse admin can teach Fixline from this alert.",
    fixer: needsPerson ? "warehouse" : "nobody",
    fix: facts.connectionKind === "cart" ? "check_in_cart" : "check_in_wms",
    policy: needsPerson ? { kind: "hold" } : { kind: "retry" },
    source: null,
    subject: subjectOf({}, facts),
  };
}
