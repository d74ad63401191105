import type { EmailFrequency } from "@/db/schema";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** Daily and weekly digests go out at 08:00 UTC; weekly ones on Mondays. */
export const DIGEST_HOUR_UTC = 8;
/** 1970-01-05 was a Monday: weekly periods start at Monday 08:00 UTC. */
const FIRST_MONDAY = 4 * DAY + DIGEST_HOUR_UTC * HOUR;
/** A run a little early still counts for the period it was scheduled for. */
const SLACK_MS = 60_000;

/** Immediate contacts get what is not urgent (alerts retrying may still heal) once an hour, like hourly ones. */
const PERIOD: Record<Exclude<EmailFrequency, "off">, { length: number; offset: number }> = {
  immediate: { length: HOUR, offset: 0 },
  hourly: { length: HOUR, offset: 0 },
  daily: { length: DAY, offset: DIGEST_HOUR_UTC * HOUR },
  weekly: { length: WEEK, offset: FIRST_MONDAY },
};

/** The start of the digest period `at` falls in: the hour, the day from 08:00 UTC, the week from Monday 08:00 UTC. */
export function digestPeriodStart(frequency: EmailFrequency, at: Date): Date | null {
  if (frequency === "off") return null;
  const { length, offset } = PERIOD[frequency];
  return new Date(Math.floor((at.getTime() - offset) / length) * length + offset);
}

/** When the next digest after `at` is due; null when the contact's emails are off. */
export function nextDigestAt(frequency: EmailFrequency, at: Date): Date | null {
  const start = digestPeriodStart(frequency, at);
  return start && frequency !== "off" ? new Date(start.getTime() + PERIOD[frequency].length) : null;
}

export type DigestContact = { frequency: EmailFrequency; lastDigestAt: Date | null; createdAt: Date };

/**
 * The period a contact's digest is due for at `now`, or null: due once per period, the first one after the
 * contact was added (a contact added at 14:30 with a daily digest gets its first at 08:00 the next day).
 */
export function dueDigestPeriod(contact: DigestContact, now: Date): Date | null {
  const start = digestPeriodStart(contact.frequency, new Date(now.getTime() + SLACK_MS));
  if (!start) return null;
  const last = contact.lastDigestAt ?? contact.createdAt;
  return last.getTime() < start.getTime() ? start : null;
}

/** Where "new since the last digest" starts: the last digest, or one period back for a first digest. */
export function digestSince(contact: DigestContact, periodStart: Date): Date {
  if (contact.lastDigestAt) return contact.lastDigestAt;
  const length = contact.frequency === "off" ? DAY : PERIOD[contact.frequency].length;
  return new Date(Math.max(contact.createdAt.getTime(), periodStart.getTime() - length));
}

/**
 * When the contact's next digest goes out, as Profile & Billing shows it: the digest job runs on the hour, so
 * a digest already due goes at the next full hour; otherwise at the start of the next period.
 */
export function upcomingDigestAt(contact: DigestContact, now: Date): Date | null {
  if (dueDigestPeriod(contact, now)) return new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  return nextDigestAt(contact.frequency, now);
}
