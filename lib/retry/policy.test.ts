import { describe, expect, it } from "vitest";
import { nextAttemptAfterFailure, retryWindowMs, syncWindowMs } from "./policy";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = new Date("2026-11-26T12:00:00Z");

describe("R2: the tracking and inventory window follows the sync interval", () => {
  it.each([
    [5, 3 * DAY], // 288 × 5 min = 1 day, clamped up to 3 days
    [15, 3 * DAY],
    [60, 12 * DAY],
    [150, 30 * DAY],
    [240, 30 * DAY], // 4 h → 48 days, clamped down to 30 days
  ])("every %i min gives up after %i ms", (interval, expected) => {
    expect(syncWindowMs(interval)).toBe(expected);
    expect(retryWindowMs("tracking_to_cart", interval)).toBe(expected);
    expect(retryWindowMs("inventory_to_cart", interval)).toBe(expected);
  });

  it("R1: orders are tried for 15 days whatever the sync interval", () => {
    expect(retryWindowMs("order_to_wms", 15)).toBe(15 * DAY);
    expect(retryWindowMs("order_to_wms", 240)).toBe(15 * DAY);
  });
});

describe("the next attempt", () => {
  it("of an order is due by the next hourly run", () => {
    const next = nextAttemptAfterFailure("order_to_wms", now, 15, null);
    expect(next.getTime()).toBeGreaterThan(now.getTime() + 59 * MIN);
    expect(next.getTime()).toBeLessThanOrEqual(now.getTime() + HOUR);
  });

  it("of tracking is due by the connection's next sync", () => {
    const next = nextAttemptAfterFailure("tracking_to_cart", now, 60, null);
    expect(next.getTime()).toBeGreaterThan(now.getTime() + 59 * MIN);
    expect(next.getTime()).toBeLessThanOrEqual(now.getTime() + HOUR);
  });

  it("honours a Retry-After longer than the cadence, and ignores a shorter one", () => {
    expect(nextAttemptAfterFailure("order_to_wms", now, 15, 3 * HOUR).getTime()).toBe(now.getTime() + 3 * HOUR);
    expect(nextAttemptAfterFailure("order_to_wms", now, 15, 10_000).getTime()).toBe(
      nextAttemptAfterFailure("order_to_wms", now, 15, null).getTime(),
    );
  });
});
