/** Error codes a receiving system uses to say "a person must fix this record" (docs/rules.md#o1, #r3). */
export const NEEDS_PERSON_CODES = ["address_invalid", "ship_method_unmapped", "requires_action"] as const;
type NeedsPersonCode = (typeof NEEDS_PERSON_CODES)[number];

/** What the error library decided a failure is (docs/rules.md#r6): its entry or rule, the plain headline and the fix. */
type DecidedBy = { decidedBy?: { id: string; headline: string; fix: string; sku?: string } };

/** Every way an outbound attempt can end, classified once (docs/rules.md#r6). */
export type Outcome =
  | { kind: "success"; status: number }
  /**
   * Timeouts, refused connections, 5xx, 429: retried on the record's cadence, no sooner than retryAfterMs.
   * `connectionLevel`: the error library says the whole connection is at fault — it is marked down at once (docs/rules.md#r6).
   */
  | ({
      kind: "transient";
      status: number | null;
      code: string | null;
      message: string;
      retryAfterMs: number | null;
      connectionLevel?: true;
    } & DecidedBy)
  /** Held until a person updates the record (docs/rules.md#r3): one of NEEDS_PERSON_CODES, or any code the error library holds. */
  | ({ kind: "needs_person"; status: number | null; code: string | null; message: string } & DecidedBy)
  /** Other 4xx: retried on the record's cadence like a transient error, but not a sign of an outage. */
  | ({ kind: "rejected"; status: number; code: string | null; message: string } & DecidedBy);

export type FailedOutcome = Exclude<Outcome, { kind: "success" }>;

const MAX_MESSAGE = 2_000;

/**
 * Classifies an HTTP answer. The remote message is kept verbatim (docs/rules.md#o1: `{ error: { code, message } }`);
 * a body of another shape is kept as text, so the alert shows what the system really said.
 */
export function classifyResponse(status: number, body: string, retryAfter: string | null, now: Date): Outcome {
  if (status >= 200 && status < 300) return { kind: "success", status };
  const { code, message } = parseErrorBody(status, body);
  if (code && (NEEDS_PERSON_CODES as readonly string[]).includes(code)) {
    return { kind: "needs_person", status, code: code as NeedsPersonCode, message };
  }
  if (status === 429 || status >= 500 || status === 408) {
    return { kind: "transient", status, code, message, retryAfterMs: parseRetryAfter(retryAfter, now) };
  }
  return { kind: "rejected", status, code, message };
}

/** A request that never got an answer: refused, reset, DNS failure or timeout. Always transient. */
export function classifyNetworkError(error: unknown, url: string, timeoutMs: number): Outcome {
  const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code ?? null;
  const name = (error as { name?: string })?.name;
  const timedOut = name === "TimeoutError" || name === "AbortError";
  const host = safeHost(url);
  const message = timedOut
    ? `No answer from ${host} within ${Math.round(timeoutMs / 1000)} s.`
    : cause === "ECONNREFUSED"
      ? `Connection refused by ${host}.`
      : `Could not reach ${host}: ${cause ?? (error as Error)?.message ?? "network error"}.`;
  return {
    kind: "transient",
    status: null,
    code: timedOut ? "timeout" : (cause?.toLowerCase() ?? "network_error"),
    message,
    retryAfterMs: null,
  };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

function parseErrorBody(status: number, body: string): { code: string | null; message: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof parsed.error?.code === "string" ? parsed.error.code : null;
    const message = typeof parsed.error?.message === "string" ? parsed.error.message : null;
    if (message) return { code, message: message.slice(0, MAX_MESSAGE) };
    if (code) return { code, message: `HTTP ${status}: ${code}` };
  } catch {
    // not JSON: keep the text as it came
  }
  const text = body.trim();
  return { code: null, message: text ? text.slice(0, MAX_MESSAGE) : `HTTP ${status} with an empty body` };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
