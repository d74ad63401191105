// A connection's normal flow by hour of week, learnt from its own history (docs/silence.md#baseline): for each of
// the 168 hours of the week (in the warehouse's zone), the median of that hour's events over the last weeks. A
// median, so one holiday week — or one outage — does not teach it that the hour is quiet, nor a sale that it is busy.
import { localParts } from "../ship-by/zoned-time";

const HOUR = 3_600_000;
const WEEK_HOURS = 168;
/** How many past weeks it learns from. */
export const BASELINE_WEEKS = 8;
/** No alert before this many weeks of history: a new connection has no normal yet. */
export const MIN_HISTORY_WEEKS = 3;
/** Below this many events in a usual week, silence cannot be told from a quiet day: not watched (the floor for small merchants). */
export const MIN_WEEKLY_EVENTS = 20;

export type Baseline = {
  /** Expected events in each hour of the week (0 = Sunday 00:00–01:00 local). */
  perHour: number[];
  weeks: number;
  usualWeek: number;
  /** Whether it can watch: enough weeks and enough flow. */
  ready: boolean;
  /** Why not, for the settings page: "learning: 2 of 3 weeks", "too few orders to watch (12 a week)". */
  reason: string | null;
};

const hourOfWeekCache = new Map<string, number>();

/** Hour of week (0–167) of an instant in a zone. Remembered per zone and UTC hour (learning a baseline asks for each hour of 8 weeks). */
export function hourOfWeek(at: Date, timeZone: string): number {
  const key = `${timeZone}:${Math.floor(at.getTime() / HOUR)}`;
  let how = hourOfWeekCache.get(key);
  if (how === undefined) {
    // Offsets are whole or half hours in every zone but a few historic ones: the hour's start stands for the hour.
    const p = localParts(new Date(Math.floor(at.getTime() / HOUR) * HOUR), timeZone);
    how = p.weekday * 24 + Math.floor(p.minutes / 60);
    if (hourOfWeekCache.size > 200_000) hourOfWeekCache.clear();
    hourOfWeekCache.set(key, how);
  }
  return how;
}

/**
 * The baseline from hourly counts (UTC hour index → events) and the first hour the connection could have sent
 * anything (its creation, or its first event). Only whole past weeks count, the current one never: a silence
 * in progress must not lower its own expectation.
 */
export function learnBaseline(counts: Map<number, number>, since: Date, now: Date, timeZone: string): Baseline {
  const nowHour = Math.floor(now.getTime() / HOUR);
  const firstHour = Math.ceil(since.getTime() / HOUR);
  const weeks = Math.max(0, Math.min(BASELINE_WEEKS, Math.floor((nowHour - firstHour) / WEEK_HOURS)));
  const samples: number[][] = Array.from({ length: WEEK_HOURS }, () => []);
  for (let w = 1; w <= weeks; w++) {
    for (let h = 0; h < WEEK_HOURS; h++) {
      const hour = nowHour - w * WEEK_HOURS + h;
      samples[hourOfWeek(new Date(hour * HOUR), timeZone)]!.push(counts.get(hour) ?? 0);
    }
  }
  const perHour = samples.map(median);
  const usualWeek = perHour.reduce((a, b) => a + b, 0);
  const reason =
    weeks < MIN_HISTORY_WEEKS
      ? `Learning its normal flow: ${weeks} of ${MIN_HISTORY_WEEKS} weeks of history.`
      : usualWeek < MIN_WEEKLY_EVENTS
        ? `Too few events to watch (about ${Math.round(usualWeek)} in a usual week; at least ${MIN_WEEKLY_EVENTS}).`
        : null;
  return { perHour, weeks, usualWeek, ready: reason === null, reason };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
