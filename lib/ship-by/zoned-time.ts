// Wall-clock arithmetic in an IANA time zone, DST-correct, with the runtime's own zone data (Intl): a local
// date and time of day become an instant by asking the zone its offset at that instant, twice, so a cutoff on
// the day the clocks change lands on the right UTC hour.

export type LocalDate = { year: number; month: number; day: number };
export type LocalParts = LocalDate & { weekday: number; minutes: number };

const MIN = 60_000;
const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The local date, weekday (0 = Sunday) and minutes since local midnight of an instant in a zone. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatIn(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS[parts.weekday!] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The zone's offset from UTC at an instant, in ms (Europe/Berlin in winter: +3,600,000). */
function offsetAt(epochMs: number, timeZone: string): number {
  const p = localParts(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes);
  return asUtc - (epochMs - (epochMs % MIN));
}

/**
 * The instant a local date and time of day name in a zone. A time the clocks skip (02:30 on the spring change)
 * is read with the offset before the change, so it lands after the gap; a time that occurs twice, the first.
 */
export function zonedInstant(date: LocalDate, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // The zone's offsets a day either side: equal except across a change, where each gives one candidate.
  const candidates = [wall - offsetAt(wall - DAY, timeZone), wall - offsetAt(wall + DAY, timeZone)];
  const readsBack = candidates.filter((t) => localParts(new Date(t), timeZone).minutes === minutes % 1440);
  return new Date(readsBack.length ? Math.min(...readsBack) : Math.max(...candidates));
}

/** The local date `days` after another (calendar arithmetic, no zone). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** "2026-12-25". */
export function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** "14:00" → 840; null for anything else. */
export function parseLocalTime(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
