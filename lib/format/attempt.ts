import type { ChangeReason } from "../errors";
import type { AttemptResult } from "../retry/attempt-delivery";
import type { BulkResult } from "../retry/resend-order";

export type Tone = "success" | "warning" | "error";

/** What a single send's action answers beside its message. */
export type AttemptData = { tone: Tone };
/** What one chunk of a bulk Resend answers: its counts, and the orders not sent. */
export type BulkData = Omit<BulkResult, "results"> & { failedIds: number[] };

/** What a person reads after sending one order: accepted, still failing (and retried), or held for a fix. */
export function describeAttempt(attempt: Pick<AttemptResult, "result" | "outcome" | "notSent">): { tone: Tone; message: string } {
  if (attempt.notSent) {
    return {
      tone: "warning",
      message: "Not sent: the WMS is not answering. Fixline asks it every 5 minutes and sends this order as soon as it answers.",
    };
  }
  const said = attempt.outcome && attempt.outcome.kind !== "success" ? attempt.outcome.message : null;
  switch (attempt.result) {
    case "succeeded":
      return { tone: "success", message: "Accepted by the WMS." };
    case "held":
      return { tone: "warning", message: `Held: ${said ?? "the WMS needs a person to fix this order."}` };
    case "skipped":
      return { tone: "error", message: "Skipped: its retry window has closed. Correct it and resend." };
    default:
      return { tone: "error", message: `Still failing: ${said ?? "no answer."} Fixline retries it every hour.` };
  }
}

/** "1 order", "3 orders". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type BulkCounts = Pick<BulkResult, "sent" | "failing" | "held" | "notFound" | "busy"> & { changed?: BulkResult["changed"] };

const CHANGED_WORDS: Record<ChangeReason, string> = {
  accepted: "accepted by the WMS",
  shipped: "shipped",
  canceled: "canceled",
  edited: "edited by someone else",
};

/** Sums two "changed since chosen" tallies (a bulk run adds up its chunks). */
export function addChanged(a: BulkResult["changed"], b: BulkResult["changed"] = {}): BulkResult["changed"] {
  const sum = { ...a };
  for (const [reason, n] of Object.entries(b) as [ChangeReason, number][]) sum[reason] = (sum[reason] ?? 0) + n;
  return sum;
}

/**
 * "231 sent, 6 still failing, 3 held, 2 skipped because they changed since you chose them (1 accepted by the WMS,
 * 1 edited by someone else)": a bulk send's outcome; parts that did not happen are left out, but never the failures.
 */
export function describeBulk(summary: BulkCounts, noun?: string): string {
  const parts = [noun ? `${plural(summary.sent, noun)} sent` : `${summary.sent} sent`, `${summary.failing} still failing`];
  if (summary.held) parts.push(`${summary.held} held`);
  if (summary.notFound) parts.push(`${summary.notFound} not found`);
  if (summary.busy) parts.push(`${summary.busy} being sent by a worker right now`);
  const changed = Object.entries(summary.changed ?? {}).filter(([, n]) => n > 0) as [ChangeReason, number][];
  const total = changed.reduce((n, [, k]) => n + k, 0);
  if (total) {
    const why = changed.map(([reason, n]) => `${n} ${CHANGED_WORDS[reason]}`).join(", ");
    parts.push(
      `${total} skipped because ${total === 1 ? "it" : "they"} changed since you chose ${total === 1 ? "it" : "them"} (${why}) — nothing was sent for ${total === 1 ? "it" : "them"}`,
    );
  }
  return parts.join(", ");
}

/** The tone of a bulk outcome: all sent is a success, any failure or hold needs a look. */
export function bulkTone(summary: BulkCounts): Tone {
  if (summary.failing || summary.notFound) return "error";
  if (summary.held || summary.busy || Object.values(summary.changed ?? {}).some((n) => n > 0)) return "warning";
  return "success";
}
