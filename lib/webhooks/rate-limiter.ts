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

/** WEBHOOK_RATE_PER_SECOND and WEBHOOK_RATE_BURST, when set to positive numbers. */
export function webhookRateFromEnv(env: Record<string, string | undefined> = process.env): RateLimit {
  const positive = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    ratePerSecond: positive(env.WEBHOOK_RATE_PER_SECOND, DEFAULT_WEBHOOK_RATE.ratePerSecond),
    burst: positive(env.WEBHOOK_RATE_BURST, DEFAULT_WEBHOOK_RATE.burst),
  };
}
