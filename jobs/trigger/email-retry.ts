// How the email tasks retry on Trigger.dev: with the project's backoff, but never before the time Resend
// named in a 429 (Retry-After or its rate-limit reset), read from the error the job threw.
import { requestedRetryDelay } from "@/jobs/retry-delay";

export const EMAIL_TASK_RETRY = { maxAttempts: 4, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 60_000, randomize: true };

/** A catchError hook: `retryAt` at the wait the error asks for when it is longer than the backoff's. */
export function retryWhenResendSays({ error, retryDelayInMs }: { error: unknown; retryDelayInMs?: number }, now = Date.now()) {
  const wait = requestedRetryDelay(error);
  if (wait === null || wait <= (retryDelayInMs ?? 0)) return undefined;
  return { retryAt: new Date(now + wait) };
}
