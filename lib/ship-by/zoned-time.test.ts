import { describe, expect, it } from "vitest";
import { isoDate, localParts, zonedInstant } from "./zoned-time";

const startOfLocalDay = (date: string, timeZone: string) => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return zonedInstant({ year, month, day }, 0, timeZone);
};
const localDate = (at: Date, timeZone: string) => isoDate(localParts(at, timeZone));

describe("T3: a person's day where they are", () => {
  it("startOfLocalDay is that date's midnight in the zone", () => {
    expect(startOfLocalDay("2026-12-03", "UTC").toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(startOfLocalDay("2026-12-03", "Europe/Berlin").toISOString()).toBe("2026-12-02T23:00:00.000Z");
    expect(startOfLocalDay("2026-12-03", "America/Los_Angeles").toISOString()).toBe("2026-12-03T08:00:00.000Z");
  });

  it("holds on the days clocks change", () => {
    // Berlin: summer time starts 29 Mar 2026 at 02:00 and ends 25 Oct 2026 at 03:00; midnight is an hour off UTC either side.
    expect(startOfLocalDay("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfLocalDay("2026-03-30", "Europe/Berlin").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfLocalDay("2026-10-26", "Europe/Berlin").toISOString()).toBe("2026-10-25T23:00:00.000Z");
    // Santiago springs forward at midnight (6 Sep 2026): that day begins at 01:00, an hour after 23:00 the day before.
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });

  it("localDate names the zone's date", () => {
    const at = new Date("2026-12-02T23:30:00Z");
    expect(localDate(at, "UTC")).toBe("2026-12-02");
    expect(localDate(at, "Europe/Berlin")).toBe("2026-12-03");
    expect(localDate(at, "America/New_York")).toBe("2026-12-02");
  });
});
