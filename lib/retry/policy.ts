import type { DeliveryKind } from "@/db/schema";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The retry rules' numbers (docs/rules.md#retrying). Both windows are settings; these are the defaults. */
export type RetrySettings = {
  /** Orders to the WMS are retried this often (docs/rules.md#r1)… */
  orderIntervalMs: number;
  /** …for this long after their first failure. */
  orderWindowMs: number;
  /** Tracking/inventory give up after clamp(factor × sync interval, min, max) (docs/rules.md#r2). */
  syncWindowFactor: number;
  syncWindowMinMs: number;
  syncWindowMaxMs: number;
  /** Outage rule (docs/rules.md#r10): this many transient failures in a row mark a connection down. */
  outageThreshold: number;
  /** A connection that is down is probed this often, whatever the kind of its records (docs/rules.md#r10). */
  probeIntervalMs: number;
  /** How long a claim holds a record before another worker may take it (docs/rules.md#r7). */
  leaseMs: number;
  /** Records claimed per statement while draining. */
  batchSize: number;
  /** Attempts of one connection in flight at once when it answers well (transient failures bring it back to one). */
  sendConcurrency: number;
  /** Drain rate after an outage (records per second). */
  drainPerSecond: number;
};

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  orderIntervalMs: HOUR,
  orderWindowMs: 15 * DAY,
  syncWindowFactor: 288,
  syncWindowMinMs: 3 * DAY,
  syncWindowMaxMs: 30 * DAY,
  outageThreshold: 5,
  probeIntervalMs: 5 * MIN,
  leaseMs: 5 * MIN,
  batchSize: 256,
  sendConcurrency: 16,
  drainPerSecond: 20,
};

/**
 * A record is due again a little before its next scheduled run, so a job that starts a few seconds early
 * or late still picks it up on that run and not the one after (the hourly job runs at :00, a sync every
 * interval).
 */
export const SCHEDULE_SLACK_MS = 30_000;

/** The give-up window of tracking and inventory, from the connection's sync interval (docs/rules.md#r2). */
export function syncWindowMs(intervalMinutes: number, settings: RetrySettings = DEFAULT_RETRY_SETTINGS): number {
  const raw = settings.syncWindowFactor * intervalMinutes * MIN;
  return Math.min(settings.syncWindowMaxMs, Math.max(settings.syncWindowMinMs, raw));
}

/** How long a record of this kind is retried after its first failure. */
export function retryWindowMs(kind: DeliveryKind, intervalMinutes: number, settings: RetrySettings = DEFAULT_RETRY_SETTINGS) {
  return kind === "order_to_wms" ? settings.orderWindowMs : syncWindowMs(intervalMinutes, settings);
}

/** The retry cadence: hourly for orders (docs/rules.md#r1), at each sync of the connection for tracking and inventory (docs/rules.md#r2). */
export function retryIntervalMs(kind: DeliveryKind, intervalMinutes: number, settings: RetrySettings = DEFAULT_RETRY_SETTINGS) {
  return kind === "order_to_wms" ? settings.orderIntervalMs : intervalMinutes * MIN;
}

/** When a failed record is next due: its cadence, but never before the receiver's Retry-After (docs/rules.md#r6). */
export function nextAttemptAfterFailure(
  kind: DeliveryKind,
  now: Date,
  intervalMinutes: number,
  retryAfterMs: number | null,
  settings: RetrySettings = DEFAULT_RETRY_SETTINGS,
): Date {
  const cadence = now.getTime() + retryIntervalMs(kind, intervalMinutes, settings) - SCHEDULE_SLACK_MS;
  const notBefore = retryAfterMs == null ? 0 : now.getTime() + retryAfterMs;
  return new Date(Math.max(cadence, notBefore));
}
