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
  return resendTransport(new Resend(env.RESEND_API_KEY, { baseUrl: env.RESEND_BASE_URL }), emailFrom(source), resendMinIntervalMs(source));
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

export function classifyResendError(error: ResendError, headers: Record<string, string> | null): EmailSendError {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const name = error.name ?? "application_error";
  const retryAfter = Number(headers?.["retry-after"]);
  const retryable = !PERMANENT.has(name) || (status !== null && (status === 429 || status >= 500));
  return new EmailSendError(
    `Resend refused the email${status ? ` (HTTP ${status}, ${name})` : ` (${name})`}: ${error.message ?? "no message"}`,
    retryable,
    status,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : null,
  );
}

// One pacer per process: both email jobs share Resend's per-team limit. Requests take turns, and each waits a
// full interval after the previous one actually started: a timer that fires late (the process busy rendering
// the next batch) must not let the request after it follow too closely, or Resend answers 429.
let lastStart = Number.NEGATIVE_INFINITY;
let turns: Promise<void> = Promise.resolve();
function pace(minIntervalMs: number): Promise<void> {
  const turn = turns.then(async () => {
    const wait = lastStart + minIntervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastStart = Date.now();
  });
  turns = turn;
  return turn;
}

function resendTransport(resend: Resend, from: string, minIntervalMs: number): EmailTransport {
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
      await pace(minIntervalMs);
      // The SDK returns errors instead of throwing; throw so the job retries (or the email is marked rejected).
      const { data, error, headers } = await resend.emails.send(payload(email), { idempotencyKey: email.idempotencyKey });
      if (error) throw classifyResendError(error, headers);
      return { providerId: data?.id ?? null };
    },
    async sendBatch(emails, batchKey) {
      if (emails.length > MAX_BATCH) throw new Error(`A batch holds at most ${MAX_BATCH} emails`);
      await pace(minIntervalMs);
      // Permissive: one invalid address is refused alone instead of failing the whole batch.
      const { data, error, headers } = await resend.batch.send(emails.map(payload), {
        idempotencyKey: batchKey,
        batchValidation: "permissive",
      });
      if (error) throw classifyResendError(error, headers);
      const refused = new Map((data?.errors ?? []).map((e) => [e.index, e.message]));
      const ids = [...(data?.data ?? [])];
      // Accepted emails' ids come back in order, without the refused ones.
      return emails.map((_, index) => (refused.has(index) ? { rejected: refused.get(index)! } : { providerId: ids.shift()?.id ?? null }));
    },
  };
}
