// How long a failed run must wait before its retry: Resend's Retry-After (or rate-limit reset) when the error
// carries one, so neither the local runner nor Trigger.dev retries into the same 429 (docs/emails.md).

/** The longest wait any error in `error` asks for (an AggregateError's too), in ms; null when none does. */
export function requestedRetryDelay(error: unknown, depth = 0): number | null {
  if (!error || typeof error !== "object" || depth > 3) return null;
  const own = (error as { retryAfterMs?: unknown }).retryAfterMs;
  const waits = [typeof own === "number" && Number.isFinite(own) && own >= 0 ? own : null];
  if (error instanceof AggregateError) for (const inner of error.errors) waits.push(requestedRetryDelay(inner, depth + 1));
  if ("cause" in error) waits.push(requestedRetryDelay((error as { cause?: unknown }).cause, depth + 1));
  const found = waits.filter((w): w is number => w !== null);
  return found.length ? Math.max(...found) : null;
}
