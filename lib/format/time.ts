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

// Made once: `toLocaleDateString` with options builds a new formatter on every call (~0.16 ms each; an email
// job formats thousands of dates, a page of 50 alerts a hundred).
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const DAY_MONTH = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** "26 Nov 2026, 14:05 UTC": an exact time, in UTC so every reader sees the same. */
export function formatDateTime(at: Date): string {
  return `${DATE.format(at)}, ${TIME.format(at)} UTC`;
}

/** "14:00 UTC" today, "27 Nov, 14:00 UTC" another day: when something will happen, as short as is clear. */
export function formatWhen(at: Date, now: Date): string {
  const time = TIME.format(at);
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  return sameDay ? `${time} UTC` : `${formatDay(at, now)}, ${time} UTC`;
}

/** "9 Dec", or "9 Dec 2027" when the year is not the current one. */
export function formatDay(at: Date, now: Date): string {
  const sameYear = at.getUTCFullYear() === now.getUTCFullYear();
  return (sameYear ? DAY_MONTH : DATE).format(at);
}

const zoned = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat; name: Intl.DateTimeFormat }>();
function zoneFormats(timeZone: string) {
  let formats = zoned.get(timeZone);
  if (!formats) {
    formats = {
      date: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }),
      time: new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }),
      name: new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }),
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

/** "26 Nov 2026, 15:05 CET": an exact time in the reader's zone, named, so it cannot be misread. UTC reads as formatDateTime. */
export function formatDateTimeIn(at: Date, timeZone: string): string {
  if (timeZone === "UTC") return formatDateTime(at);
  const f = zoneFormats(timeZone);
  const zone = f.name.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  return `${f.date.format(at)}, ${f.time.format(at)} ${zone}`;
}
