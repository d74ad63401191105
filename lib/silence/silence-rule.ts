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
/** Never silent sooner than this, however busy the connection. */
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

/** The events the baseline expected between the last one and now, outside quiet hours (partial hours pro rata). */
export function expectedSince(baseline: Baseline, last: Date, now: Date, timeZone: string, quiet: Quiet | null): number {
  let expected = 0;
  const start = Math.max(last.getTime(), now.getTime() - MAX_LOOKBACK_HOURS * HOUR);
  for (let t = start; t < now.getTime();) {
    const hourEnd = (Math.floor(t / HOUR) + 1) * HOUR;
    const end = Math.min(hourEnd, now.getTime());
    const at = new Date(t);
    if (!inQuietHours(quiet, at, timeZone)) expected += (baseline.perHour[hourOfWeek(at, timeZone)] ?? 0) * ((end - t) / HOUR);
    t = end;
  }
  return expected;
}

export function silenceVerdict(
  baseline: Baseline,
  input: { last: Date; now: Date; timeZone: string; quiet: Quiet | null; sensitivity: SilenceSensitivity },
): SilenceVerdict {
  const silentMs = input.now.getTime() - input.last.getTime();
  const expected = expectedSince(baseline, input.last, input.now, input.timeZone, input.quiet);
  if (input.sensitivity === "off" || !baseline.ready || silentMs < MIN_SILENCE_MS) return { silent: false, expected, silentMs };
  if (inQuietHours(input.quiet, input.now, input.timeZone)) return { silent: false, expected, silentMs };
  return { silent: expected >= EXPECTED_MISSING[input.sensitivity], expected, silentMs };
}
