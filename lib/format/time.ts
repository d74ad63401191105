const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** "just now", "12 min ago", "5 h ago", "3 days ago": how long before `now` a thing happened. */
export function formatAge(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (ms < MIN) return "just now";
  if (ms < HOUR) return `${Math.floor(ms / MIN)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  const days = Math.floor(ms / DAY);
  return days === 1 ? "1 day ago" : `${days} days ago`;
}

/**
 * The formatters of one zone, made once: `toLocaleDateString` with options builds a new formatter on every call
 * (~0.16 ms each; an email job formats thousands of dates, a page of 50 alerts a hundred).
 */
type ZoneFormats = {
  date: Intl.DateTimeFormat;
  dayMonth: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  /** Year, month and day as numbers: to tell whether two instants fall on the same day in the zone. */
  ymd: Intl.DateTimeFormat;
  /** Zone names as British and American English write them: "CET" comes from the one, "EST" from the other. */
  names: [Intl.DateTimeFormat, Intl.DateTimeFormat];
};
const zoned = new Map<string, ZoneFormats>();
function zoneFormats(timeZone: string): ZoneFormats {
  let formats = zoned.get(timeZone);
  if (!formats) {
    formats = {
      date: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }),
      dayMonth: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone }),
      time: new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }),
      ymd: new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }),
      names: [
        new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }),
        new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }),
      ],
    };
    zoned.set(timeZone, formats);
  }
  return formats;
}

/** Whether `timeZone` is an IANA zone this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's short name at that instant: "CET" in winter and "CEST" in summer, "EST", "BST"; an offset ("GMT+9")
 * where neither English names it; "UTC" for UTC.
 */
function zoneName(at: Date, timeZone: string, f: ZoneFormats): string {
  if (timeZone === "UTC") return "UTC";
  const [british, american] = f.names.map((n) => n.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone);
  return /^GMT[+-]/.test(british!) && !/^GMT[+-]/.test(american!) ? american! : british!;
}

/**
 * Every time a person reads is written in a zone and names it (docs/rules.md#t3): the reader's own on pages
 * (Profile & Billing, UTC unless chosen), the contact's in emails, UTC in texts stored once for everyone.
 */

/** "26 Nov 2026, 14:05 UTC", "26 Nov 2026, 15:05 CET": an exact time in `timeZone`, named, so it cannot be misread. */
export function formatDateTime(at: Date, timeZone: string): string {
  const f = zoneFormats(timeZone);
  return `${f.date.format(at)}, ${f.time.format(at)} ${zoneName(at, timeZone, f)}`;
}

/** "14:00 UTC" today, "27 Nov, 14:00 UTC" another day (days as the zone counts them): when something will happen, as short as is clear. */
export function formatWhen(at: Date, now: Date, timeZone: string): string {
  const f = zoneFormats(timeZone);
  const time = `${f.time.format(at)} ${zoneName(at, timeZone, f)}`;
  return f.ymd.format(at) === f.ymd.format(now) ? time : `${formatDay(at, now, timeZone)}, ${time}`;
}

/** "9 Dec", or "9 Dec 2027" when the year is not the current one, as the zone counts days and years. */
export function formatDay(at: Date, now: Date, timeZone: string): string {
  const f = zoneFormats(timeZone);
  const sameYear = f.ymd.format(at).slice(0, 4) === f.ymd.format(now).slice(0, 4);
  return (sameYear ? f.dayMonth : f.date).format(at);
}
