import { describe, expect, it } from "vitest";
import type { EmailFrequency } from "@/db/schema";
import { digestPeriodStart, digestSince, dueDigestPeriod, nextDigestAt, upcomingDigestAt } from "./digest-schedule";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("digest periods", () => {
  // 2026-11-30 is a Monday.
  it.each<[EmailFrequency, string, string | null, string | null]>([
    ["hourly", "2026-11-26T14:37:12Z", "2026-11-26T14:00:00.000Z", "2026-11-26T15:00:00.000Z"],
    ["immediate", "2026-11-26T14:00:00Z", "2026-11-26T14:00:00.000Z", "2026-11-26T15:00:00.000Z"],
    ["daily", "2026-11-26T08:00:00Z", "2026-11-26T08:00:00.000Z", "2026-11-27T08:00:00.000Z"],
    ["daily", "2026-11-26T07:59:59Z", "2026-11-25T08:00:00.000Z", "2026-11-26T08:00:00.000Z"],
    ["daily", "2026-11-26T23:30:00Z", "2026-11-26T08:00:00.000Z", "2026-11-27T08:00:00.000Z"],
    ["weekly", "2026-11-30T08:00:00Z", "2026-11-30T08:00:00.000Z", "2026-12-07T08:00:00.000Z"],
    ["weekly", "2026-11-30T07:00:00Z", "2026-11-23T08:00:00.000Z", "2026-11-30T08:00:00.000Z"],
    ["weekly", "2026-12-03T12:00:00Z", "2026-11-30T08:00:00.000Z", "2026-12-07T08:00:00.000Z"],
    ["off", "2026-11-26T08:00:00Z", null, null],
  ])("%s at %s: period from %s, next at %s", (frequency, now, start, next) => {
    expect(iso(digestPeriodStart(frequency, at(now)))).toBe(start);
    expect(iso(nextDigestAt(frequency, at(now)))).toBe(next);
  });
});

describe("dueDigestPeriod", () => {
  const contact = (frequency: EmailFrequency, lastDigestAt: string | null, createdAt = "2026-11-01T00:00:00Z") => ({
    frequency,
    lastDigestAt: lastDigestAt ? at(lastDigestAt) : null,
    createdAt: at(createdAt),
  });

  it.each<[string, ReturnType<typeof contact>, string, string | null]>([
    [
      "a daily digest at 08:00 when the last was yesterday",
      contact("daily", "2026-11-25T08:00:00Z"),
      "2026-11-26T08:00:00Z",
      "2026-11-26T08:00:00.000Z",
    ],
    ["not twice in one period", contact("daily", "2026-11-26T08:00:00Z"), "2026-11-26T09:00:00Z", null],
    [
      "late, but once (the runner missed 08:00)",
      contact("daily", "2026-11-25T08:00:00Z"),
      "2026-11-26T11:00:00Z",
      "2026-11-26T08:00:00.000Z",
    ],
    [
      "a run a few seconds early counts for its hour",
      contact("hourly", "2026-11-26T13:00:00Z"),
      "2026-11-26T13:59:50Z",
      "2026-11-26T14:00:00.000Z",
    ],
    ["weekly not on a Thursday", contact("weekly", "2026-11-23T08:00:00Z"), "2026-11-26T08:00:00Z", null],
    ["weekly on Monday 08:00", contact("weekly", "2026-11-23T08:00:00Z"), "2026-11-30T08:00:00Z", "2026-11-30T08:00:00.000Z"],
    ["a contact added at 14:30 waits for tomorrow's 08:00", contact("daily", null, "2026-11-26T14:30:00Z"), "2026-11-26T15:00:00Z", null],
    ["…and gets it then", contact("daily", null, "2026-11-26T14:30:00Z"), "2026-11-27T08:00:00Z", "2026-11-27T08:00:00.000Z"],
    ["never when off", contact("off", null), "2026-11-26T08:00:00Z", null],
  ])("%s", (_, c, now, due) => {
    expect(iso(dueDigestPeriod(c, at(now)))).toBe(due);
  });

  it("new since the last digest, or one period back for a first digest (not before the contact existed)", () => {
    expect(iso(digestSince(contact("daily", "2026-11-25T08:00:05Z"), at("2026-11-26T08:00:00Z")))).toBe("2026-11-25T08:00:05.000Z");
    expect(iso(digestSince(contact("daily", null), at("2026-11-26T08:00:00Z")))).toBe("2026-11-25T08:00:00.000Z");
    expect(iso(digestSince(contact("weekly", null, "2026-11-28T10:00:00Z"), at("2026-11-30T08:00:00Z")))).toBe("2026-11-28T10:00:00.000Z");
  });

  it("shows when the next digest goes out: at the next hour when one is due, else the next period", () => {
    expect(iso(upcomingDigestAt(contact("daily", "2026-11-26T08:00:00Z"), at("2026-11-26T15:20:00Z")))).toBe("2026-11-27T08:00:00.000Z");
    expect(iso(upcomingDigestAt(contact("daily", "2026-11-25T08:00:00Z"), at("2026-11-26T08:20:00Z")))).toBe("2026-11-26T09:00:00.000Z");
    expect(upcomingDigestAt(contact("off", null), at("2026-11-26T08:20:00Z"))).toBeNull();
  });
});

describe("a contact's own time zone and digest hour", () => {
  const berlin = { timeZone: "Europe/Berlin", digestHour: 8 };
  it.each<[EmailFrequency, { timeZone: string; digestHour: number }, string, string, string]>([
    ["daily", berlin, "2026-11-26T07:30:00Z", "2026-11-26T07:00:00.000Z", "2026-11-27T07:00:00.000Z"],
    ["daily", berlin, "2026-11-26T06:59:00Z", "2026-11-25T07:00:00.000Z", "2026-11-26T07:00:00.000Z"],
    // Summer time starts on 29 March 2026 in Berlin: 08:00 there is 07:00 UTC before, 06:00 UTC after.
    ["daily", berlin, "2026-03-28T12:00:00Z", "2026-03-28T07:00:00.000Z", "2026-03-29T06:00:00.000Z"],
    [
      "daily",
      { timeZone: "America/New_York", digestHour: 17 },
      "2026-11-26T23:00:00Z",
      "2026-11-26T22:00:00.000Z",
      "2026-11-27T22:00:00.000Z",
    ],
    ["daily", { timeZone: "Asia/Kolkata", digestHour: 8 }, "2026-11-26T03:00:00Z", "2026-11-26T02:30:00.000Z", "2026-11-27T02:30:00.000Z"],
    // Monday 09:00 in New York is 14:00 UTC; late on Sunday evening there it is already Monday in UTC.
    [
      "weekly",
      { timeZone: "America/New_York", digestHour: 9 },
      "2026-11-30T14:00:00Z",
      "2026-11-30T14:00:00.000Z",
      "2026-12-07T14:00:00.000Z",
    ],
    [
      "weekly",
      { timeZone: "America/New_York", digestHour: 9 },
      "2026-11-30T03:00:00Z",
      "2026-11-23T14:00:00.000Z",
      "2026-11-30T14:00:00.000Z",
    ],
    [
      "weekly",
      { timeZone: "Pacific/Auckland", digestHour: 7 },
      "2026-11-29T18:30:00Z",
      "2026-11-29T18:00:00.000Z",
      "2026-12-06T18:00:00.000Z",
    ],
  ])("%s in %j at %s: period from %s, next at %s", (frequency, clock, now, start, next) => {
    expect(iso(digestPeriodStart(frequency, at(now), clock))).toBe(start);
    expect(iso(nextDigestAt(frequency, at(now), clock))).toBe(next);
  });

  it("is due at the run on the hour that follows the contact's hour, once", () => {
    const contact = {
      frequency: "daily" as const,
      lastDigestAt: at("2026-11-25T02:30:00Z"),
      createdAt: at("2026-11-01T00:00:00Z"),
      timeZone: "Asia/Kolkata",
      digestHour: 8,
    };
    expect(dueDigestPeriod(contact, at("2026-11-26T02:00:00Z"))).toBeNull();
    expect(iso(dueDigestPeriod(contact, at("2026-11-26T03:00:00Z")))).toBe("2026-11-26T02:30:00.000Z");
    expect(iso(upcomingDigestAt({ ...contact, lastDigestAt: at("2026-11-26T03:00:00Z") }, at("2026-11-26T10:00:00Z")))).toBe(
      "2026-11-27T03:00:00.000Z",
    );
  });

  it("keeps today's behaviour by default: 08:00 UTC", () => {
    const contact = { frequency: "daily" as const, lastDigestAt: at("2026-11-25T08:00:00Z"), createdAt: at("2026-11-01T00:00:00Z") };
    expect(iso(dueDigestPeriod({ ...contact, timeZone: "UTC", digestHour: 8 }, at("2026-11-26T08:00:00Z")))).toBe(
      "2026-11-26T08:00:00.000Z",
    );
  });
});
