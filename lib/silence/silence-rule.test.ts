// docs/silence.md: the baseline by hour of week and the silence rule, with fixed clocks and hand-made histories.
import { describe, expect, it } from "vitest";
import { learnBaseline, hourOfWeek } from "./baseline";
import { silenceVerdict } from "./silence-rule";

const HOUR = 3_600_000;
const TZ = "America/Chicago";
const NOW = new Date("2026-11-25T19:00:00Z"); // Wednesday 13:00 in Chicago

/** Hourly counts for `weeks` weeks before `end`, from a function of the local hour of week (0 = Sunday 00:00). */
function history(weeks: number, perHour: (how: number, hour: number) => number, end = NOW) {
  const counts = new Map<number, number>();
  const last = Math.floor(end.getTime() / HOUR);
  for (let hour = last - weeks * 168; hour < last; hour++) {
    const n = perHour(hourOfWeek(new Date(hour * HOUR), TZ), hour);
    if (n > 0) counts.set(hour, n);
  }
  return { counts, since: new Date((last - weeks * 168) * HOUR) };
}

/** A shop open Monday to Friday 08:00–20:00 local, `n` orders an hour, nothing at weekends. */
const weekdays = (n: number) => (how: number) => {
  const day = Math.floor(how / 24);
  const hour = how % 24;
  return day >= 1 && day <= 5 && hour >= 8 && hour < 20 ? n : 0;
};

const verdict = (h: ReturnType<typeof history>, lastEvent: Date, now = NOW, sensitivity: "low" | "normal" | "high" = "normal") =>
  silenceVerdict(learnBaseline(h.counts, h.since, now, TZ), { last: lastEvent, now, timeZone: TZ, quiet: null, sensitivity });

describe("docs/silence.md#baseline", () => {
  it("new connection: no alert until three weeks of history, whatever the silence", () => {
    const h = history(2, weekdays(5));
    const baseline = learnBaseline(h.counts, h.since, NOW, TZ);
    expect(baseline).toMatchObject({ ready: false, weeks: 2, reason: "Learning its normal flow: 2 of 3 weeks of history." });
    expect(verdict(h, new Date(NOW.getTime() - 10 * HOUR)).silent).toBe(false);
  });

  it("holiday: a week with no orders in the history does not teach it that the week is quiet (median of the weeks)", () => {
    const h = history(8, (how, hour) =>
      hour >= Math.floor(NOW.getTime() / HOUR) - 3 * 168 && hour < Math.floor(NOW.getTime() / HOUR) - 2 * 168 ? 0 : weekdays(5)(how),
    );
    const baseline = learnBaseline(h.counts, h.since, NOW, TZ);
    expect(baseline.perHour[3 * 24 + 12]).toBe(5); // Wednesday noon: still 5 an hour
    expect(baseline.usualWeek).toBe(5 * 12 * 5);
  });

  it("low volume: a merchant with a few orders a week is not watched (the floor), one with 30 is, over days not hours", () => {
    const few = history(8, (how) => (how % 24 === 12 && Math.floor(how / 24) % 2 === 1 ? 1 : 0)); // ~3-4 a week
    expect(learnBaseline(few.counts, few.since, NOW, TZ)).toMatchObject({ ready: false });
    expect(learnBaseline(few.counts, few.since, NOW, TZ).reason).toMatch(/^Too few events to watch \(about [34] in a usual week/);
    const small = history(8, (how) => (how % 24 >= 9 && how % 24 < 15 && Math.floor(how / 24) % 7 !== 0 ? 1 : 0)); // 36 a week
    expect(verdict(small, new Date(NOW.getTime() - 6 * HOUR)).silent).toBe(false);
    expect(verdict(small, new Date(NOW.getTime() - 2 * 24 * HOUR)).silent).toBe(true);
  });
});

describe("docs/silence.md#rule", () => {
  it("real outage: a busy shop with no orders for 3 business hours is silent; the expected count is what it usually gets", () => {
    const h = history(8, weekdays(5));
    const v = verdict(h, new Date(NOW.getTime() - 3 * HOUR));
    expect(v).toMatchObject({ silent: true, expected: 15 });
    // Sooner than the floor of 2 h, never, however busy.
    expect(verdict(h, new Date(NOW.getTime() - 1.5 * HOUR)).silent).toBe(false);
  });

  it("weekend: closed Saturday and Sunday, the last order on Friday evening is no silence on Sunday noon", () => {
    const h = history(8, weekdays(5));
    const sunday = new Date("2026-11-29T18:00:00Z");
    const fridayEvening = new Date("2026-11-28T02:00:00Z"); // Friday 20:00 local, as the shop closes
    expect(verdict(h, fridayEvening, sunday)).toMatchObject({ silent: false, expected: 0 });
    // Monday 11:00 local with nothing since Friday: three business hours missed, silent.
    expect(verdict(h, fridayEvening, new Date("2026-11-30T17:00:00Z")).silent).toBe(true);
  });

  it("quiet hours and sensitivity are per connection: a quiet window expects nothing; low waits for more missing orders", () => {
    const h = history(8, weekdays(5));
    const baseline = learnBaseline(h.counts, h.since, NOW, TZ);
    const last = new Date(NOW.getTime() - 3 * HOUR);
    const quiet = { weekdays: [], from: "09:00", to: "14:00" };
    expect(silenceVerdict(baseline, { last, now: NOW, timeZone: TZ, quiet, sensitivity: "normal" }).silent).toBe(false);
    expect(verdict(h, last, NOW, "low").silent).toBe(false); // 15 expected < 16
    expect(verdict(h, last, NOW, "high").silent).toBe(true);
    expect(silenceVerdict(baseline, { last, now: NOW, timeZone: TZ, quiet: null, sensitivity: "off" }).silent).toBe(false);
  });
});
