import { readEnv, type EnvSource } from "../config/env";

export type RateLimit = { ratePerSecond: number; burst: number };
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };
export type RateLimiter = { take: (key: string, now: Date) => RateDecision };

export const DEFAULT_WEBHOOK_RATE: RateLimit = { ratePerSecond: 50, burst: 200 };

/**
 * A token bucket per key (a connection): `burst` events at once, then `ratePerSecond`. It lives in this
 * process's memory, so several app instances each allow the full rate; only verified requests reach it,
 * so the keys are real connections and a stranger cannot spend a connection's budget.
 */
export function createRateLimiter(limit: RateLimit = DEFAULT_WEBHOOK_RATE): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, now) {
      const t = now.getTime();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
      const tokens = Math.min(limit.burst, bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * limit.ratePerSecond);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: t });
        return { ok: true };
      }
      buckets.set(key, { tokens, at: t });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.ratePerSecond)) };
    },
  };
}

/** WEBHOOK_RATE_PER_SECOND and WEBHOOK_RATE_BURST, when set to positive numbers (lib/config/env.ts). */
export function webhookRateFromEnv(source?: EnvSource): RateLimit {
  const env = readEnv(source);
  return { ratePerSecond: env.WEBHOOK_RATE_PER_SECOND, burst: env.WEBHOOK_RATE_BURST };
}
