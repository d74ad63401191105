import type { ConnectionKind, DeliveryKind } from "@/db/schema";

/** Who can fix an error: the merchant, the warehouse, the WMS vendor, or nobody — it heals by itself. */
export type Fixer = "merchant" | "warehouse" | "vendor" | "nobody";

/** The one action that fixes an error; each names the page or step that does it (docs/error-library.md#fixes). */
export const FIX_KINDS = [
  "edit_address",
  "map_ship_method",
  "map_sku",
  "renew_credential",
  "check_in_wms",
  "check_in_cart",
  "wait",
  "contact_vendor",
] as const;
export type FixKind = (typeof FIX_KINDS)[number];

/**
 * What Fixline does with a record that failed this way (docs/rules.md#r6): retry on the cadence, hold at once,
 * hold after some tries (a fault that may clear by itself a few times, then needs a person), or treat it as the
 * connection's problem — every record of the connection waits, one alert, probes until it answers.
 */
export type Policy = { kind: "retry" } | { kind: "hold" } | { kind: "hold_after"; tries: number } | { kind: "connection" };

/** What an entry matches on; every given field must match. A message pattern may name the subject: `(?<sku>…)`. */
export type EntryMatch = {
  /** Platform names as connections spell them, compared case-insensitively by substring; none = any platform. */
  platforms?: string[];
  connectionKind?: ConnectionKind;
  deliveryKinds?: DeliveryKind[];
  statuses?: number[];
  codes?: string[];
  pattern?: RegExp;
};

/** One known error: how to recognise it, what it means in plain words, who fixes it and how, and the policy. */
export type LibraryEntry = {
  id: string;
  match: EntryMatch;
  /** One line, plain: what happened. May use {sku} and {subject}. */
  headline: string;
  /** Why it happened and what the fix does, in plain words. */
  cause: string;
  fixer: Fixer;
  fix: FixKind;
  policy: Policy;
  /** Where the code or message comes from: the platform's public documentation. */
  source: string;
  /** Names the subject ({subject}) when the match itself does not: e.g. the ship-method label in the message. */
  subjectPattern?: RegExp;
  /** Real answers from the source; the catalogue's tests diagnose each one. */
  examples: { status: number | null; code: string | null; message: string }[];
};

/** What an error is taken for: the entry, rule or default that decided, and what it says. */
export type Diagnosis = {
  origin: "rule" | "library" | "default";
  /** The entry's id, `rule:<id>`, or `default:<classification>`. */
  id: string;
  /** False when Fixline does not recognise the error: the explanation says so. */
  explained: boolean;
  headline: string;
  cause: string;
  fixer: Fixer;
  fix: FixKind;
  policy: Policy;
  source: string | null;
  /** What the error is about, when the message or record names it: a SKU, a ship-method label, a region code. */
  subject: { sku?: string; label?: string } | null;
  /** For a rule: who made it and when. */
  madeBy?: { name: string; at: Date } | null;
};

/** An answer to diagnose, with what Fixline knows about where it came from. */
export type ErrorFacts = {
  platform: string | null;
  connectionKind: ConnectionKind | null;
  deliveryKind: DeliveryKind | null;
  status: number | null;
  code: string | null;
  message: string;
  /** The record's SKU when it has one (inventory), or the SKU an alert names. */
  sku?: string | null;
};
