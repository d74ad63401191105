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
    expect(formatDateTime(new Date(at), "UTC")).toBe(expected);
  });
});

describe("formatWhen", () => {
  it.each([
    ["2026-11-26T14:00:00Z", "14:00 UTC"],
    ["2026-11-26T00:05:00Z", "00:05 UTC"],
    ["2026-11-27T09:30:00Z", "27 Nov, 09:30 UTC"],
    ["2027-01-02T18:45:00Z", "2 Jan 2027, 18:45 UTC"],
  ])("%s -> %s (now is 26 Nov 2026, 12:00 UTC)", (at, expected) => {
    expect(formatWhen(new Date(at), NOW, "UTC")).toBe(expected);
  });
});

describe("formatDay", () => {
  it.each([
    ["2026-12-09T10:00:00Z", "9 Dec"],
    ["2026-11-26T23:59:00Z", "26 Nov"],
    ["2027-12-09T10:00:00Z", "9 Dec 2027"],
    ["2025-12-31T23:00:00Z", "31 Dec 2025"],
  ])("%s -> %s (now is 26 Nov 2026)", (at, expected) => {
    expect(formatDay(new Date(at), NOW, "UTC")).toBe(expected);
  });
});

describe("T3: times in the reader's zone, named", () => {
  it.each([
    ["2026-11-26T14:05:00Z", "Europe/Berlin", "26 Nov 2026, 15:05 CET"],
    // Summer time has its own name: the same zone reads CEST in July.
    ["2026-07-01T14:05:00Z", "Europe/Berlin", "1 Jul 2026, 16:05 CEST"],
    // The date is the zone's: 02:30 UTC is still the evening before in New York.
    ["2026-11-26T02:30:00Z", "America/New_York", "25 Nov 2026, 21:30 EST"],
    ["2026-11-26T20:00:00Z", "Asia/Kolkata", "27 Nov 2026, 01:30 GMT+5:30"],
  ])("formatDateTime(%s, %s) -> %s", (at, zone, expected) => {
    expect(formatDateTime(new Date(at), zone)).toBe(expected);
  });

  it("across the end of summer time, the same wall hour twice reads with two names", () => {
    // Europe/Berlin turns its clocks back at 03:00 CEST on 25 Oct 2026: 02:30 happens twice.
    expect(formatDateTime(new Date("2026-10-25T00:30:00Z"), "Europe/Berlin")).toBe("25 Oct 2026, 02:30 CEST");
    expect(formatDateTime(new Date("2026-10-25T01:30:00Z"), "Europe/Berlin")).toBe("25 Oct 2026, 02:30 CET");
  });

  it("formatWhen calls 'today' the reader's today, not UTC's", () => {
    // Now is 26 Nov 12:00 UTC = 07:00 in New York. 03:00 UTC on 26 Nov was 22:00 on 25 Nov there.
    expect(formatWhen(new Date("2026-11-26T03:00:00Z"), NOW, "America/New_York")).toBe("25 Nov, 22:00 EST");
    expect(formatWhen(new Date("2026-11-27T03:00:00Z"), NOW, "America/New_York")).toBe("22:00 EST");
    // And in Tokyo (21:00 on 26 Nov now), 16:00 UTC is already tomorrow.
    expect(formatWhen(new Date("2026-11-26T16:00:00Z"), NOW, "Asia/Tokyo")).toBe("27 Nov, 01:00 GMT+9");
  });

  it("formatDay counts the year where the reader is", () => {
    const newYearsEve = new Date("2026-12-31T20:00:00Z");
    // Now, 20:00 UTC on 31 Dec, is already 1 Jan 2027 in Auckland; 09:00 UTC was still 31 Dec 2026 there: last year.
    expect(formatDay(new Date("2026-12-31T09:00:00Z"), newYearsEve, "UTC")).toBe("31 Dec");
    expect(formatDay(new Date("2026-12-31T09:00:00Z"), newYearsEve, "Pacific/Auckland")).toBe("31 Dec 2026");
  });
});
