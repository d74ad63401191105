// When a connection is silent (docs/silence.md#rule): no event for a while in which its baseline expected many.
// Silence is measured in expected events, not hours, so a busy shop is silent after an hour without orders and a
// quiet one only after days; quiet hours and hours its baseline says are empty expect nothing.
import type { QuietHours, SilenceSensitivity } from "@/db/schema";
import { isoDate, localParts, parseLocalTime } from "../ship-by/zoned-time";
import { hourOfWeek, type Baseline } from "./baseline";

const HOUR = 3_600_000;
/** Quiet hours, and for a WMS the warehouse's holidays ("2026-12-25"). */
export type Quiet = QuietHours & { dates?: string[] };
/** Expected events that must have failed to arrive: the chance of that many missing by luck is below ~1 in 1,000. */
export const EXPECTED_MISSING: Record<Exclude<SilenceSensitivity, "off">, number> = { high: 6, normal: 10, low: 16 };
/** Never silent sooner than this many hours that usually have events, however busy the connection. */
export const MIN_SILENCE_MS = 2 * HOUR;
/** Looking further back than this adds nothing: a connection silent this long is long since told. */
const MAX_LOOKBACK_HOURS = 14 * 24;

export type SilenceVerdict = { silent: boolean; expected: number; silentMs: number };

/** Whether an instant falls in the connection's quiet hours (whole weekdays, or a daily window that may cross midnight). */
export function inQuietHours(quiet: Quiet | null, at: Date, timeZone: string): boolean {
  if (!quiet) return false;
  const p = localParts(at, timeZone);
  if (quiet.weekdays.includes(p.weekday)) return true;
  if (quiet.dates?.includes(isoDate(p))) return true;
  const from = quiet.from ? parseLocalTime(quiet.from) : null;
  const to = quiet.to ? parseLocalTime(quiet.to) : null;
  if (from === null || to === null || from === to) return false;
  return from < to ? p.minutes >= from && p.minutes < to : p.minutes >= from || p.minutes < to;
}

/**
 * The events the baseline expected between the last one and now, outside quiet hours (partial hours pro rata), and
 * how long of the window the baseline expected any (a shop's morning starts the clock, not its night).
 */
function expectedWindow(baseline: Baseline, last: Date, now: Date, timeZone: string, quiet: Quiet | null) {
  let expected = 0;
  let activeMs = 0;
  const start = Math.max(last.getTime(), now.getTime() - MAX_LOOKBACK_HOURS * HOUR);
  for (let t = start; t < now.getTime();) {
    const hourEnd = (Math.floor(t / HOUR) + 1) * HOUR;
    const end = Math.min(hourEnd, now.getTime());
    const at = new Date(t);
    const perHour = inQuietHours(quiet, at, timeZone) ? 0 : (baseline.perHour[hourOfWeek(at, timeZone)] ?? 0);
    expected += perHour * ((end - t) / HOUR);
    if (perHour > 0) activeMs += end - t;
    t = end;
  }
  return { expected, activeMs };
}

/**
 * How the day before the silence compared with its baseline, between half and as usual: a slow day (a holiday, a
 * quiet week) expects fewer orders of the hours that follow, so its gaps are not taken for silence.
 */
export function dayLevel(baseline: Baseline, counts: Map<number, number>, last: Date, timeZone: string): number {
  const end = Math.floor(last.getTime() / HOUR);
  let observed = 0;
  let expected = 0;
  for (let hour = end - 24; hour < end; hour++) {
    observed += counts.get(hour) ?? 0;
    expected += baseline.perHour[hourOfWeek(new Date(hour * HOUR), timeZone)] ?? 0;
  }
  return expected < 5 ? 1 : Math.min(1, Math.max(0.5, observed / expected));
}

export function silenceVerdict(
  baseline: Baseline,
  input: { last: Date; now: Date; timeZone: string; quiet: Quiet | null; sensitivity: SilenceSensitivity; counts?: Map<number, number> },
): SilenceVerdict {
  const silentMs = input.now.getTime() - input.last.getTime();
  const level = input.counts ? dayLevel(baseline, input.counts, input.last, input.timeZone) : 1;
  const window = expectedWindow(baseline, input.last, input.now, input.timeZone, input.quiet);
  const expected = level * window.expected;
  // The floor counts only hours that usually have events: a shop opening at 08:00 is not silent at 08:30.
  if (input.sensitivity === "off" || !baseline.ready || window.activeMs < MIN_SILENCE_MS) return { silent: false, expected, silentMs };
  if (inQuietHours(input.quiet, input.now, input.timeZone)) return { silent: false, expected, silentMs };
  return { silent: expected >= EXPECTED_MISSING[input.sensitivity], expected, silentMs };
}
