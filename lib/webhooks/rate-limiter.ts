import { readEnv, type EnvSource } from "../config/env";

export type RateLimit = { ratePerSecond: number; burst: number };
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };
export type RateLimiter = { take: (key: string, now: Date) => RateDecision };

export const DEFAULT_WEBHOOK_RATE: RateLimit = { ratePerSecond: 50, burst: 200 };

/**
 * A token bucket per key (a connection): `burst` events at once, then `ratePerSecond`. It lives in this
 * process's memory: the limit of the one app process on an embedded file. Several app instances on a server
 * database count in the database instead (rateWindow). Only verified requests reach either, so the keys are
 * real connections and a stranger cannot spend a connection's budget.
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

/**
 * The window an event falls in when the limit is kept in the database (webhook_rate_windows), shared by every
 * instance: fixed windows of `burst / ratePerSecond` seconds (at least 1) allowing `burst` events each, so the
 * average is the same `ratePerSecond` and a burst of `burst` passes at once, at the cost of one counter write
 * per event (written in the receipt's own round trip, lib/webhooks/receive-webhook.ts#storeReceipt). Coarser
 * than the bucket: up to 2 × `burst` can pass across a window's edge.
 */
export function rateWindow(limit: RateLimit, now: Date): { start: number; max: number; retryAfterSeconds: number } {
  const ms = Math.max(1, Math.round(limit.burst / limit.ratePerSecond)) * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start, max: limit.burst, retryAfterSeconds: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
}
