// The ledger of alert notices (alert × email kind × contact): which email carries each (docs/emails.md, "Exactly
// once"). A notice is planned into one email only; it is done when that email is. Emails sent before notices
// were recorded carry the notice's own key in email_outbox, and count too.
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailNotices, emailOutbox, type OutboxEmail } from "@/db/schema";
import { DONE } from "./deliver-email";

const CHUNK = 500;

async function chunked<T>(keys: string[], query: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) out.push(...(await query(keys.slice(i, i + CHUNK))));
  return out;
}

/** The notices among `keys` already in an email: sent, kept, refused, or planned and to be sent again as stored. */
export async function plannedNotices(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const inEmails = await chunked(keys, (slice) =>
    db.select({ key: emailNotices.noticeKey }).from(emailNotices).where(inArray(emailNotices.noticeKey, slice)),
  );
  const legacy = await chunked(keys, (slice) =>
    db
      .select({ key: emailOutbox.idempotencyKey })
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.idempotencyKey, slice), notInArray(emailOutbox.status, ["failed"]))),
  );
  return new Set([...inEmails, ...legacy].map((r) => r.key));
}

/** The notices among `keys` whose email is done (the contact was told). */
export async function toldNotices(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await chunked(keys, (slice) =>
    db
      .select({ key: emailNotices.noticeKey, status: emailOutbox.status })
      .from(emailNotices)
      .innerJoin(emailOutbox, eq(emailOutbox.id, emailNotices.emailId))
      .where(inArray(emailNotices.noticeKey, slice)),
  );
  const legacy = await chunked(keys, (slice) =>
    db
      .select({ key: emailOutbox.idempotencyKey, status: emailOutbox.status })
      .from(emailOutbox)
      .where(inArray(emailOutbox.idempotencyKey, slice)),
  );
  return new Set([...rows, ...legacy].filter((r) => DONE.has(r.status as OutboxEmail["status"])).map((r) => r.key));
}

/** Emails carrying notices that an earlier run planned and did not see sent: they go again as stored. */
export async function pendingNoticeEmails(
  db: DbOrTx,
): Promise<{ email: OutboxEmail; notices: { noticeKey: string; alertId: number }[] }[]> {
  const rows = await db
    .select({ email: emailOutbox, noticeKey: emailNotices.noticeKey, alertId: emailNotices.alertId })
    .from(emailOutbox)
    .innerJoin(emailNotices, eq(emailNotices.emailId, emailOutbox.id))
    // Literal, so SQLite uses the partial index of pending emails (a bound parameter would not match it).
    .where(sql`${emailOutbox.status} = 'failed'`)
    .orderBy(emailOutbox.id);
  const byEmail = new Map<number, { email: OutboxEmail; notices: { noticeKey: string; alertId: number }[] }>();
  for (const r of rows) {
    const entry = byEmail.get(r.email.id) ?? { email: r.email, notices: [] };
    entry.notices.push({ noticeKey: r.noticeKey, alertId: r.alertId });
    byEmail.set(r.email.id, entry);
  }
  return [...byEmail.values()];
}
