import { describe, expect, it } from "vitest";
import { nextDefaultCutoff, shipByFromCutoffs, type CutoffRules } from "./cutoff-rules";
import { zonedInstant } from "./zoned-time";

const rules = (fields: Partial<CutoffRules> = {}): CutoffRules => ({
  timeZone: "America/Chicago",
  defaultCutoff: "14:00",
  methodCutoffs: {},
  weekdaysOff: [0, 6],
  holidays: [],
  leadMinutes: 120,
  ...fields,
});
const iso = (d: Date) => d.toISOString();

describe("docs/ship-by.md#cutoffs: orders placed before the cutoff ship the same business day", () => {
  it.each([
    ["before the cutoff: the same day's 14:00 Chicago (CST, UTC−6)", "2026-11-25T19:59:00Z", "2026-11-25T20:00:00.000Z"],
    ["at the cutoff: the next business day", "2026-11-25T20:00:00Z", "2026-11-26T20:00:00.000Z"],
    ["Friday after the cutoff: Monday", "2026-11-27T21:00:00Z", "2026-11-30T20:00:00.000Z"],
    ["Saturday: Monday", "2026-11-28T15:00:00Z", "2026-11-30T20:00:00.000Z"],
    ["Sunday 23:30 local is still Sunday although UTC says Monday: Monday", "2026-11-30T05:30:00Z", "2026-11-30T20:00:00.000Z"],
  ])("%s", (_, placed, due) => {
    expect(iso(shipByFromCutoffs(rules(), new Date(placed), "Standard"))).toBe(due);
  });

  it("a ship method with its own cutoff uses it, every other the default", () => {
    const r = rules({ methodCutoffs: { Express: "16:30" } });
    const placed = new Date("2026-11-25T21:00:00Z"); // 15:00 in Chicago
    expect(iso(shipByFromCutoffs(r, placed, "Express"))).toBe("2026-11-25T22:30:00.000Z");
    expect(iso(shipByFromCutoffs(r, placed, "Standard"))).toBe("2026-11-26T20:00:00.000Z");
  });

  it("holidays and days off are skipped, however many in a row", () => {
    const r = rules({ holidays: ["2026-12-24", "2026-12-25"], weekdaysOff: [0, 6] });
    // Wednesday 23 Dec after the cutoff → Thu 24 (holiday), Fri 25 (holiday), weekend → Monday 28.
    expect(iso(shipByFromCutoffs(r, new Date("2026-12-23T22:00:00Z"), null))).toBe("2026-12-28T20:00:00.000Z");
  });

  it("the same rule in another zone is that zone's 14:00 (Berlin, CET = UTC+1; Tokyo, no DST)", () => {
    expect(iso(shipByFromCutoffs(rules({ timeZone: "Europe/Berlin" }), new Date("2026-11-25T08:00:00Z"), null))).toBe(
      "2026-11-25T13:00:00.000Z",
    );
    expect(iso(shipByFromCutoffs(rules({ timeZone: "Asia/Tokyo" }), new Date("2026-11-25T08:00:00Z"), null))).toBe(
      "2026-11-26T05:00:00.000Z",
    );
  });
});

describe("docs/ship-by.md#cutoffs: DST changes move the cutoff's UTC hour, not its local hour", () => {
  it("US spring forward (8 Mar 2026): 14:00 Chicago is 20:00 UTC on Friday, 19:00 UTC on Monday", () => {
    const r = rules();
    expect(iso(shipByFromCutoffs(r, new Date("2026-03-06T15:00:00Z"), null))).toBe("2026-03-06T20:00:00.000Z");
    // Placed Friday after the cutoff: ships Monday 9 Mar, after the change (CDT, UTC−5).
    expect(iso(shipByFromCutoffs(r, new Date("2026-03-06T21:00:00Z"), null))).toBe("2026-03-09T19:00:00.000Z");
  });

  it("EU autumn back (25 Oct 2026): Berlin 14:00 is 12:00 UTC the Friday before, 13:00 UTC the Monday after", () => {
    const r = rules({ timeZone: "Europe/Berlin" });
    expect(iso(shipByFromCutoffs(r, new Date("2026-10-23T08:00:00Z"), null))).toBe("2026-10-23T12:00:00.000Z");
    expect(iso(shipByFromCutoffs(r, new Date("2026-10-23T13:00:00Z"), null))).toBe("2026-10-26T13:00:00.000Z");
  });

  it("a warehouse shipping on Sundays, on the change day itself: the cutoff is on the new offset", () => {
    const r = rules({ timeZone: "Europe/Berlin", weekdaysOff: [] });
    // 29 Mar 2026: clocks go 02:00 → 03:00; 14:00 CEST = 12:00 UTC.
    expect(iso(shipByFromCutoffs(r, new Date("2026-03-29T00:30:00Z"), null))).toBe("2026-03-29T12:00:00.000Z");
  });

  it("a wall time the clocks skip lands after the gap; one they repeat, on its first occurrence", () => {
    expect(iso(zonedInstant({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(zonedInstant({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
  });
});

describe("docs/ship-by.md#urgency: the next cutoff the Alerts tab's card names", () => {
  it("today's before the cutoff, the next business day's after it", () => {
    expect(nextDefaultCutoff(rules(), new Date("2026-11-25T15:00:00Z"))).toMatchObject({ today: true, label: "14:00" });
    const after = nextDefaultCutoff(rules(), new Date("2026-11-27T21:00:00Z"));
    expect(after.today).toBe(false);
    expect(iso(after.at)).toBe("2026-11-30T20:00:00.000Z");
  });
});
