import { describe, expect, it } from "vitest";
import { describeSchedule } from "./delivery";

const NOW = new Date("2026-11-26T12:20:00Z");
const base = { kind: "order_to_wms" as const, nextAttemptAt: null, giveUpAt: null, lastAttemptAt: null, updatedAt: NOW };

describe("describeSchedule", () => {
  it.each([
    [
      { ...base, status: "retrying", nextAttemptAt: new Date("2026-11-26T13:00:00Z"), giveUpAt: new Date("2026-12-09T10:00:00Z") },
      "Retrying hourly — next try 13:00 UTC — gives up on 9 Dec",
    ],
    [
      { ...base, status: "retrying", nextAttemptAt: new Date("2026-11-27T00:00:00Z"), giveUpAt: new Date("2027-01-02T00:00:00Z") },
      "Retrying hourly — next try 27 Nov, 00:00 UTC — gives up on 2 Jan 2027",
    ],
    [
      { ...base, kind: "tracking_to_cart", status: "retrying", nextAttemptAt: new Date("2026-11-26T12:35:00Z") },
      "Retrying at each sync (every 15 min) — next try 12:35 UTC",
    ],
    [{ ...base, status: "held" }, "Held until someone fixes it — not retried"],
    [{ ...base, status: "skipped", giveUpAt: new Date("2026-11-20T08:00:00Z") }, "Skipped — gave up on 20 Nov; resend it once corrected"],
    [{ ...base, status: "succeeded", lastAttemptAt: new Date("2026-11-25T09:05:00Z") }, "Delivered 25 Nov 2026, 09:05 UTC"],
    [{ ...base, status: "pending", nextAttemptAt: NOW }, "Waiting to be sent"],
  ] as const)("%#: %s", (delivery, text) => {
    expect(describeSchedule(delivery, 15, NOW, "UTC")).toBe(text);
  });
});

describe("describeSchedule in the reader's zone (docs/rules.md#t3)", () => {
  it("writes the next try and the give-up day where the reader is", () => {
    const d = {
      ...base,
      status: "retrying" as const,
      nextAttemptAt: new Date("2026-11-26T23:00:00Z"),
      giveUpAt: new Date("2026-12-09T23:30:00Z"),
    };
    // 23:00 UTC is 00:00 the next day in Berlin, and the window closes on 10 Dec there.
    expect(describeSchedule(d, 15, NOW, "Europe/Berlin")).toBe("Retrying hourly — next try 27 Nov, 00:00 CET — gives up on 10 Dec");
    expect(describeSchedule(d, 15, NOW, "UTC")).toBe("Retrying hourly — next try 23:00 UTC — gives up on 9 Dec");
  });
});
