import { describe, expect, it } from "vitest";
import { formatAge, formatDateTime, formatDay, formatWhen } from "./time";

const NOW = new Date("2026-11-26T12:00:00Z");
const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatAge", () => {
  it.each([
    [0, "just now"],
    [59 * SEC, "just now"],
    [MIN, "1 min ago"],
    [12 * MIN + 59 * SEC, "12 min ago"],
    [59 * MIN + 59 * SEC, "59 min ago"],
    [HOUR, "1 h ago"],
    [5 * HOUR + 30 * MIN, "5 h ago"],
    [DAY - 1, "23 h ago"],
    [DAY, "1 day ago"],
    [2 * DAY - 1, "1 day ago"],
    [2 * DAY, "2 days ago"],
    [15 * DAY + 3 * HOUR, "15 days ago"],
  ])("%i ms before now -> %s", (ago, expected) => {
    expect(formatAge(new Date(NOW.getTime() - ago), NOW)).toBe(expected);
  });

  it("calls a time slightly after now (clock skew) just now", () => {
    expect(formatAge(new Date(NOW.getTime() + 5 * SEC), NOW)).toBe("just now");
  });
});

describe("formatDateTime", () => {
  it.each([
    ["2026-11-26T08:00:00Z", "26 Nov 2026, 08:00 UTC"],
    ["2026-01-05T23:59:59Z", "5 Jan 2026, 23:59 UTC"],
    ["2027-03-09T14:05:00+02:00", "9 Mar 2027, 12:05 UTC"],
  ])("%s -> %s", (at, expected) => {
    expect(formatDateTime(new Date(at))).toBe(expected);
  });
});

describe("formatWhen", () => {
  it.each([
    ["2026-11-26T14:00:00Z", "14:00 UTC"],
    ["2026-11-26T00:05:00Z", "00:05 UTC"],
    ["2026-11-27T09:30:00Z", "27 Nov, 09:30 UTC"],
    ["2027-01-02T18:45:00Z", "2 Jan 2027, 18:45 UTC"],
  ])("%s -> %s (now is 26 Nov 2026, 12:00 UTC)", (at, expected) => {
    expect(formatWhen(new Date(at), NOW)).toBe(expected);
  });
});

describe("formatDay", () => {
  it.each([
    ["2026-12-09T10:00:00Z", "9 Dec"],
    ["2026-11-26T23:59:00Z", "26 Nov"],
    ["2027-12-09T10:00:00Z", "9 Dec 2027"],
    ["2025-12-31T23:00:00Z", "31 Dec 2025"],
  ])("%s -> %s (now is 26 Nov 2026)", (at, expected) => {
    expect(formatDay(new Date(at), NOW)).toBe(expected);
  });
});
