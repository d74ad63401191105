import { describe, expect, it } from "vitest";
import { createRateLimiter, webhookRateFromEnv } from "./rate-limiter";

const t0 = new Date("2026-11-26T14:05:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("the per-connection token bucket (50 events/s, burst 200)", () => {
  it("lets a burst of 200 through at once, then refuses with the seconds to wait", () => {
    const limiter = createRateLimiter();
    const answers = Array.from({ length: 201 }, () => limiter.take("7", t0));
    expect(answers.slice(0, 200).every((a) => a.ok)).toBe(true);
    expect(answers[200]).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("refills at 50 events per second, up to the burst", () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 200; i++) limiter.take("7", t0);
    const after100ms = Array.from({ length: 6 }, () => limiter.take("7", at(100)));
    expect(after100ms.filter((a) => a.ok)).toHaveLength(5);
    // A minute idle refills to 200, not 3,000.
    const afterIdle = Array.from({ length: 201 }, () => limiter.take("7", at(60_000)));
    expect(afterIdle.filter((a) => a.ok)).toHaveLength(200);
  });

  it("keeps one bucket per connection", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1 });
    expect(limiter.take("1", t0).ok).toBe(true);
    expect(limiter.take("1", t0).ok).toBe(false);
    expect(limiter.take("2", t0).ok).toBe(true);
  });

  it("reads its limits from the environment, ignoring nonsense", () => {
    expect(webhookRateFromEnv({ WEBHOOK_RATE_PER_SECOND: "5", WEBHOOK_RATE_BURST: "20" })).toEqual({ ratePerSecond: 5, burst: 20 });
    expect(webhookRateFromEnv({ WEBHOOK_RATE_PER_SECOND: "-1", WEBHOOK_RATE_BURST: "lots" })).toEqual({ ratePerSecond: 50, burst: 200 });
  });
});
