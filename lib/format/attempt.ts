import type { AttemptResult } from "../retry/attempt-delivery";
import type { BulkResult } from "../retry/resend-order";

export type Tone = "success" | "warning" | "error";

/** What a person reads after sending one order: accepted, still failing (and retried), or held for a fix. */
export function describeAttempt(attempt: Pick<AttemptResult, "result" | "outcome">): { tone: Tone; message: string } {
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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "231 sent, 6 still failing, 3 held": a bulk send's outcome; parts that did not happen are left out, but never the failures. */
export function describeBulk(summary: Pick<BulkResult, "sent" | "failing" | "held" | "notFound" | "busy">, noun?: string): string {
  const parts = [noun ? `${plural(summary.sent, noun)} sent` : `${summary.sent} sent`, `${summary.failing} still failing`];
  if (summary.held) parts.push(`${summary.held} held`);
  if (summary.notFound) parts.push(`${summary.notFound} not found`);
  if (summary.busy) parts.push(`${summary.busy} being sent by a worker right now`);
  return parts.join(", ");
}

/** The tone of a bulk outcome: all sent is a success, any failure or hold needs a look. */
export function bulkTone(summary: Pick<BulkResult, "sent" | "failing" | "held" | "notFound" | "busy">): Tone {
  if (summary.failing || summary.notFound) return "error";
  if (summary.held || summary.busy) return "warning";
  return "success";
}
