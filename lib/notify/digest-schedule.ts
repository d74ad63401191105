import type { EmailFrequency } from "@/db/schema";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Daily and weekly digests go out at 08:00 in the contact's zone unless it chose another hour; weekly ones on Mondays. */
export const DIGEST_HOUR_UTC = 8;
/** A run a little early still counts for the period it was scheduled for. */
const SLACK_MS = 60_000;

/** Where and when a contact's daily and weekly digests fall (docs/emails.md, "Per-contact choices"). */
export type DigestClock = { timeZone: string; digestHour: number };
export const DEFAULT_CLOCK: DigestClock = { timeZone: "UTC", digestHour: DIGEST_HOUR_UTC };

const partsFormats = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock date and hour of `at` in `timeZone`, and the weekday (0 = Monday). */
function localParts(at: number, timeZone: string) {
  let f = partsFormats.get(timeZone);
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
    partsFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday!);
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), weekday };
}

/** The instant a wall-clock time happens in `timeZone` (a time skipped by a DST change falls an hour later). */
function zonedInstant(y: number, m: number, d: number, h: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, h);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const diff = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min) - wall;
    if (diff === 0) break;
    guess -= diff;
  }
  return guess;
}

/** The start of the local day period `at` falls in: the latest `digestHour`:00 at or before it (Mondays only for weekly). */
function localPeriodStart(at: number, clock: DigestClock, weekly: boolean): number {
  if (clock.timeZone === "UTC") {
    // Most contacts: plain arithmetic (1970-01-05 was a Monday).
    const length = weekly ? 7 * DAY : DAY;
    const offset = (weekly ? 4 * DAY : 0) + clock.digestHour * HOUR;
    return Math.floor((at - offset) / length) * length + offset;
  }
  const p = localParts(at, clock.timeZone);
  // Walk back from today's digest hour, a day at a time, to the first one not after `at` (and a Monday, weekly).
  for (let back = 0; back < 15; back++) {
    const day = new Date(Date.UTC(p.y, p.m - 1, p.d - back));
    const start = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), clock.digestHour, clock.timeZone);
    if (start > at) continue;
    if (weekly && (day.getUTCDay() + 6) % 7 !== 0) continue;
    return start;
  }
  throw new Error(`No digest period found for ${new Date(at).toISOString()} in ${clock.timeZone}`);
}

/** The start of the digest period `at` falls in: the hour; the day or the week from the contact's digest hour in its zone. */
export function digestPeriodStart(frequency: EmailFrequency, at: Date, clock: DigestClock = DEFAULT_CLOCK): Date | null {
  if (frequency === "off") return null;
  if (frequency === "hourly" || frequency === "immediate") return new Date(Math.floor(at.getTime() / HOUR) * HOUR);
  return new Date(localPeriodStart(at.getTime(), clock, frequency === "weekly"));
}

/** When the next digest after `at` is due; null when the contact's emails are off. */
export function nextDigestAt(frequency: EmailFrequency, at: Date, clock: DigestClock = DEFAULT_CLOCK): Date | null {
  const start = digestPeriodStart(frequency, at, clock);
  if (!start) return null;
  if (frequency === "hourly" || frequency === "immediate") return new Date(start.getTime() + HOUR);
  // The next period's start: found from a moment safely inside it (a day or a week on, past any DST shift).
  const ahead = start.getTime() + (frequency === "weekly" ? 7 * DAY : DAY) + 3 * HOUR;
  return new Date(localPeriodStart(ahead, clock, frequency === "weekly"));
}

export type DigestContact = {
  frequency: EmailFrequency;
  lastDigestAt: Date | null;
  createdAt: Date;
  timeZone?: string;
  digestHour?: number;
};

const clockOf = (c: DigestContact): DigestClock => ({ timeZone: c.timeZone ?? "UTC", digestHour: c.digestHour ?? DIGEST_HOUR_UTC });

/**
 * The period a contact's digest is due for at `now`, or null: due once per period, the first one after the
 * contact was added (a contact added at 14:30 with a daily digest gets its first at its digest hour the next day).
 */
export function dueDigestPeriod(contact: DigestContact, now: Date): Date | null {
  const start = digestPeriodStart(contact.frequency, new Date(now.getTime() + SLACK_MS), clockOf(contact));
  if (!start) return null;
  const last = contact.lastDigestAt ?? contact.createdAt;
  return last.getTime() < start.getTime() ? start : null;
}

/** Where "new since the last digest" starts: the last digest, or one period back for a first digest. */
export function digestSince(contact: DigestContact, periodStart: Date): Date {
  if (contact.lastDigestAt) return contact.lastDigestAt;
  const length = contact.frequency === "weekly" ? 7 * DAY : contact.frequency === "daily" || contact.frequency === "off" ? DAY : HOUR;
  return new Date(Math.max(contact.createdAt.getTime(), periodStart.getTime() - length));
}

/** The contact's next period after this one began: when its next digest is due. */
export function nextDigestAfter(contact: DigestContact, periodStart: Date): Date | null {
  return nextDigestAt(contact.frequency, periodStart, clockOf(contact));
}

/**
 * When the contact's next digest goes out, as Profile & Billing shows it: the digest job runs on the hour, so
 * a digest already due goes at the next full hour; otherwise at the start of the next period.
 */
export function upcomingDigestAt(contact: DigestContact, now: Date): Date | null {
  if (dueDigestPeriod(contact, now)) return new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  const next = nextDigestAt(contact.frequency, now, clockOf(contact));
  // A zone whose digest hour is not on a UTC hour (India, 08:00 = 02:30 UTC) is served by the next run on the hour.
  return next && new Date(Math.ceil(next.getTime() / HOUR) * HOUR);
}
