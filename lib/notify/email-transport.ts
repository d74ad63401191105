import { Resend } from "resend";
import { readEnv, type EnvSource } from "../config/env";

/** What the sender hands a transport: the rendered email and how to recognise a repeat of it. */
export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The same key never sends twice, so a retried job cannot repeat an email. */
  idempotencyKey: string;
  headers?: Record<string, string>;
};

/** One email of a batch: accepted (with the provider's id), or refused for a reason retrying cannot fix. */
export type BatchItemResult = { providerId: string | null } | { rejected: string };

export type EmailTransport = {
  name: "resend" | "outbox";
  /** Throws `EmailSendError`: retryable (429, 5xx, network, configuration) or not (the email itself is invalid). */
  send(email: OutgoingEmail): Promise<{ providerId: string | null }>;
  /** Up to 100 emails in one request; `batchKey` makes a repeat of the same batch a no-op. */
  sendBatch(emails: OutgoingEmail[], batchKey: string): Promise<BatchItemResult[]>;
};

export class EmailSendError extends Error {
  constructor(
    message: string,
    /** False when the same request can never succeed (an invalid address): the email is marked rejected. */
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "EmailSendError";
  }
}

/** Resend accepts 100 emails per batch request. */
export const MAX_BATCH = 100;
/**
 * The gap between two requests: 10% under the limit, so clocks and retries do not tip it over. Resend's default
 * limit is 2 requests per second per team; a team can have it raised (RESEND_REQUESTS_PER_SECOND, lib/config/env.ts).
 */
export function resendMinIntervalMs(source?: EnvSource): number {
  return Math.ceil((1000 / readEnv(source).RESEND_REQUESTS_PER_SECOND) * 1.1);
}

export function emailFrom(source?: EnvSource): string {
  return readEnv(source).EMAIL_FROM;
}

/** The local outbox: nothing leaves the machine; where the mailbox is on, /dev/mailbox shows them (lib/notify/mailbox.ts). */
export const outboxTransport: EmailTransport = {
  name: "outbox",
  send: async () => ({ providerId: null }),
  sendBatch: async (emails) => emails.map(() => ({ providerId: null })),
};

/** Resend when RESEND_API_KEY is set (RESEND_BASE_URL points the SDK elsewhere, e.g. a test server); else the outbox. */
export function transportFromEnv(source?: EnvSource): EmailTransport {
  const env = readEnv(source);
  if (!env.RESEND_API_KEY) return outboxTransport;
  // One pacer per Resend team (docs/decisions/0006-resend-pacer.md): the key and where it points.
  const team = `${env.RESEND_BASE_URL ?? "resend"}|${env.RESEND_API_KEY}`;
  return resendTransport(new Resend(env.RESEND_API_KEY, { baseUrl: env.RESEND_BASE_URL }), emailFrom(source), {
    minIntervalMs: resendMinIntervalMs(source),
    team,
  });
}

type ResendError = { message?: string; name?: string; statusCode?: number | null };

/** Resend errors that retrying the same request cannot fix; anything else (429, 5xx, network, keys, quota) is retried. */
const PERMANENT = new Set([
  "validation_error",
  "invalid_parameter",
  "missing_required_field",
  "invalid_attachment",
  "invalid_idempotent_request",
  "not_found",
  "method_not_allowed",
  "invalid_idempotency_key",
]);

export function classifyResendError(error: ResendError, headers: Record<string, string> | null, nowMs = Date.now()): EmailSendError {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const name = error.name ?? "application_error";
  const retryable = !PERMANENT.has(name) || (status !== null && (status === 429 || status >= 500));
  return new EmailSendError(
    `Resend refused the email${status ? ` (HTTP ${status}, ${name})` : ` (${name})`}: ${error.message ?? "no message"}`,
    retryable,
    status,
    waitFromHeaders(headers, nowMs, status === 429),
  );
}

/**
 * How long Resend asks us to wait, from its answer's headers (docs/emails.md, "Resend's rate limit"):
 * `retry-after` (seconds, or an HTTP date), else — on a 429, or when `ratelimit-remaining` is 0 —
 * `ratelimit-reset` (seconds until the window resets). Null when it asks for nothing.
 */
export function waitFromHeaders(headers: Record<string, string> | null | undefined, nowMs: number, limited: boolean): number | null {
  if (!headers) return null;
  const get = (name: string) =>
    headers[name] ?? headers[name.toLowerCase()] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const retryAfter = get("retry-after")?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  const remaining = Number(get("ratelimit-remaining"));
  const reset = Number(get("ratelimit-reset"));
  if ((limited || remaining === 0) && Number.isFinite(reset) && reset >= 0) return Math.ceil(reset * 1000);
  return null;
}

/** The clock a transport waits with; tests pass one that only records the waits. */
export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * Requests take turns, and each waits a full interval after the previous one actually started (a timer that
 * fires late, the process busy rendering the next batch, must not let the request after it follow too
 * closely), and never before the moment Resend last asked us to wait until.
 */
export function createPacer(clock: Clock) {
  let lastStart = Number.NEGATIVE_INFINITY;
  let notBefore = 0;
  let turns: Promise<void> = Promise.resolve();
  return {
    pace(minIntervalMs: number): Promise<void> {
      const turn = turns.then(async () => {
        for (;;) {
          const wait = Math.max(lastStart + minIntervalMs, notBefore) - clock.now();
          if (wait <= 0) break;
          await clock.sleep(wait);
        }
        lastStart = clock.now();
      });
      turns = turn;
      return turn;
    },
    /** Resend asked for a pause: no request from this process starts before it ends. */
    holdFor(ms: number) {
      notBefore = Math.max(notBefore, clock.now() + ms);
    },
  };
}

// One pacer per process and Resend team (API key and address): both email jobs share the team's limit.
const processPacers = new Map<string, ReturnType<typeof createPacer>>();
function processPacer(team: string) {
  let pacer = processPacers.get(team);
  if (!pacer) processPacers.set(team, (pacer = createPacer(realClock)));
  return pacer;
}

/** A 429 is waited out in the run (the same request again, same key) when Resend asks for at most this long. */
export const MAX_WAIT_IN_RUN_MS = 60_000;
/** 429s waited out in a row before the run gives up and the job retries it later, at the time Resend asked. */
export const RATE_LIMIT_RETRIES = 3;

export type ResendTransportOptions = { minIntervalMs: number; clock?: Clock; team?: string };

type ResendAnswer<T> = { data: T | null; error: ResendError | null; headers: Record<string, string> | null };

/**
 * Resend through the SDK, paced under the team's rate limit. Every answer's rate-limit headers are honoured:
 * when Resend says the window is spent (`ratelimit-remaining: 0`) or answers 429, no request starts before
 * the time it names. A 429 asking for at most a minute is waited out here and the same request sent again
 * (same idempotency key, so nothing can go twice); a longer one is thrown with its wait, and the job's retry
 * is scheduled for then (jobs/retry-delay.ts).
 */
export function resendTransport(resend: Resend, from: string, options: ResendTransportOptions): EmailTransport {
  const clock = options.clock ?? realClock;
  const pacer = options.clock ? createPacer(clock) : processPacer(options.team ?? "default");
  const request = async <T>(call: () => Promise<ResendAnswer<T>>): Promise<T | null> => {
    for (let attempt = 0; ; attempt++) {
      await pacer.pace(options.minIntervalMs);
      const { data, error, headers } = await call();
      if (!error) {
        const wait = waitFromHeaders(headers, clock.now(), false);
        if (wait !== null) pacer.holdFor(wait);
        return data;
      }
      // The SDK returns errors instead of throwing; throw so the job retries (or the email is marked rejected).
      // A longer wait is the job's to keep: its retry is scheduled no sooner (jobs/retry-delay.ts).
      const failure = classifyResendError(error, headers, clock.now());
      const waitable = failure.status === 429 && (failure.retryAfterMs ?? 0) <= MAX_WAIT_IN_RUN_MS;
      if (!waitable || attempt >= RATE_LIMIT_RETRIES) throw failure;
      pacer.holdFor(failure.retryAfterMs ?? options.minIntervalMs);
    }
  };
  const payload = (email: OutgoingEmail) => ({
    from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: email.headers,
  });
  return {
    name: "resend",
    async send(email) {
      const data = await request(() => resend.emails.send(payload(email), { idempotencyKey: email.idempotencyKey }));
      return { providerId: data?.id ?? null };
    },
    async sendBatch(emails, batchKey) {
      if (emails.length > MAX_BATCH) throw new Error(`A batch holds at most ${MAX_BATCH} emails`);
      // Permissive: one invalid address is refused alone instead of failing the whole batch.
      const data = await request(() => resend.batch.send(emails.map(payload), { idempotencyKey: batchKey, batchValidation: "permissive" }));
      const refused = new Map((data?.errors ?? []).map((e) => [e.index, e.message]));
      const ids = [...(data?.data ?? [])];
      // Accepted emails' ids come back in order, without the refused ones.
      return emails.map((_, index) => (refused.has(index) ? { rejected: refused.get(index)! } : { providerId: ids.shift()?.id ?? null }));
    },
  };
}
