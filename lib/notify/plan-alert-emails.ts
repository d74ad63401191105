// Which immediate emails go out in this run, and what each carries (docs/emails.md, "Calm when many things
// break at once"): one email per contact holding every notice due for it, a few minutes' quiet after each
// email so a burst becomes one email, and a per-contact hourly cap. Nothing is dropped: a notice held back
// stays due and goes in the contact's next email.
import type { DueAlertEmail } from "./find-due-alert-emails";

const MIN = 60_000;
/** After an immediate email, notices for the same contact wait this long, so a burst becomes one email. */
export const QUIET_AFTER_EMAIL_MS = 5 * MIN;
export const CAP_WINDOW_MS = 60 * MIN;

/** The immediate emails a contact got in the last hour (their times), from the outbox. */
export type RecentEmails = Map<number, Date[]>;

export type PlannedEmail = { contactId: number; notices: DueAlertEmail[] };
export type HeldBack = { contactId: number; notices: number; until: Date; why: "quiet" | "cap" };

/**
 * Groups the due notices per contact. A contact gets one email now when its last immediate email is at least
 * QUIET_AFTER_EMAIL_MS old and it got fewer than its cap in the last hour; otherwise its notices wait, and
 * `held` says until when.
 */
export function planAlertEmails(due: DueAlertEmail[], recent: RecentEmails, now: Date): { emails: PlannedEmail[]; held: HeldBack[] } {
  const byContact = new Map<number, DueAlertEmail[]>();
  for (const notice of due) {
    const list = byContact.get(notice.contact.id) ?? [];
    list.push(notice);
    byContact.set(notice.contact.id, list);
  }
  const emails: PlannedEmail[] = [];
  const held: HeldBack[] = [];
  for (const [contactId, notices] of byContact) {
    const contact = notices[0]!.contact;
    const times = (recent.get(contactId) ?? [])
      .filter((t) => now.getTime() - t.getTime() < CAP_WINDOW_MS)
      .sort((a, b) => a.getTime() - b.getTime());
    const last = times.at(-1);
    const cap = Math.max(1, contact.hourlyEmailCap);
    if (times.length >= cap) {
      // The oldest of the hour's emails leaving the window frees a place.
      held.push({ contactId, notices: notices.length, until: new Date(times[times.length - cap]!.getTime() + CAP_WINDOW_MS), why: "cap" });
    } else if (last && now.getTime() - last.getTime() < QUIET_AFTER_EMAIL_MS) {
      held.push({ contactId, notices: notices.length, until: new Date(last.getTime() + QUIET_AFTER_EMAIL_MS), why: "quiet" });
    } else {
      emails.push({ contactId, notices: sortNotices(notices) });
    }
  }
  return { emails, held };
}

const ORDER: Record<DueAlertEmail["kind"], number> = {
  connection_down: 0,
  connection_silent: 0,
  action_needed: 1,
  record_skipped: 2,
  ship_by_soon: 1,
  giving_up_soon: 3,
  connection_recovered: 4,
};

/** Connection events first, then what needs a person, skipped records, records about to be skipped; oldest alert first. */
function sortNotices(notices: DueAlertEmail[]): DueAlertEmail[] {
  return [...notices].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.alert.id - b.alert.id);
}
