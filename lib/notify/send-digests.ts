import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertContacts } from "@/db/schema";
import { buildDigest } from "./build-digest";
import { deliverEmailBatch, type EmailMessage } from "./deliver-email";
import { emailFooter } from "./alert-email-content";
import { digestSince, dueDigestPeriod, nextDigestAt } from "./digest-schedule";
import { listUnsubscribeHeaders } from "./links";
import type { Recipient } from "./recipients";
import type { EmailDeps, SendSummary } from "./send-alert-emails";

export function digestKey(contact: { id: number; frequency: string }, periodStart: Date): string {
  return `digest:${contact.id}:${contact.frequency}:${periodStart.toISOString()}`;
}

export type DigestSummary = SendSummary & { due: number; empty: number };

/**
 * Sends each contact the digest its frequency says is due (hourly on the hour; daily at 08:00 UTC; weekly on
 * Mondays at 08:00 UTC), at most once per period: the key names the contact and the period, and
 * `lastDigestAt` moves past the period once it is sent. All digests of a run go out through Resend's batch
 * API (100 per request, paced under its rate limit).
 */
export async function sendDigests(db: DbOrTx, deps: EmailDeps): Promise<DigestSummary> {
  const { now } = deps;
  const contacts = await dueContacts(db, now);
  const merchantsOf = await merchantsHeardBy(db);
  const summary: DigestSummary = { due: contacts.length, empty: 0, sent: 0, rejected: 0 };
  const messages: { contact: Recipient; periodStart: Date; message: EmailMessage }[] = [];
  const nothingToSay: { contact: Recipient; periodStart: Date }[] = [];
  for (const { contact, periodStart } of contacts) {
    const window = { since: digestSince(contact, periodStart), now, next: nextDigestAt(contact.frequency, periodStart)!, frequency: contact.frequency };
    const content = await buildDigest(db, merchantsOf(contact.accountId), window, deps.appUrl);
    if (!content) {
      nothingToSay.push({ contact, periodStart });
      continue;
    }
    const { subject, html, text } = await deps.render({ ...content, footer: emailFooter(contact, "digest", deps) });
    messages.push({
      contact,
      periodStart,
      message: { to: contact.email, subject, html, text, template: "digest", idempotencyKey: digestKey(contact, periodStart), accountId: contact.accountId, headers: listUnsubscribeHeaders(deps, contact) },
    });
  }
  summary.empty = nothingToSay.length;
  const deliverAll = async (tx: DbOrTx) => {
    await markDigested(tx, nothingToSay, now);
    const rows = await deliverEmailBatch(tx, messages.map((m) => m.message), deps.transport, now);
    for (const row of rows) row.status === "rejected" ? summary.rejected++ : summary.sent++;
    await markDigested(tx, messages, now);
  };
  // Nothing leaves the machine with the local outbox: one write transaction for the whole run.
  if (deps.transport.name === "outbox") await db.transaction(deliverAll);
  else await deliverAll(db);
  return summary;
}

async function dueContacts(db: DbOrTx, now: Date) {
  const contacts = await loadContacts(db);
  return contacts.flatMap((contact) => {
    const periodStart = dueDigestPeriod(contact, now);
    return periodStart ? [{ contact, periodStart }] : [];
  });
}

async function loadContacts(db: DbOrTx): Promise<Recipient[]> {
  const rows = await db.select({ contact: alertContacts, accountName: accounts.name }).from(alertContacts).innerJoin(accounts, eq(accounts.id, alertContacts.accountId)).orderBy(alertContacts.id);
  return rows.filter((r) => r.contact.frequency !== "off").map((r) => ({ ...r.contact, accountName: r.accountName }));
}

/** The merchants whose alerts an account's contacts hear about: the merchant itself, or those a warehouse serves. */
async function merchantsHeardBy(db: DbOrTx): Promise<(accountId: number) => number[]> {
  const rows = await db.select({ id: accounts.id, kind: accounts.kind, warehouseId: accounts.warehouseId }).from(accounts);
  return (accountId) => rows.filter((a) => a.kind === "merchant" && (a.id === accountId || a.warehouseId === accountId)).map((a) => a.id);
}

/** The digest of this period is done: the next one is due next period (a run a little early counts for its period). */
async function markDigested(db: DbOrTx, done: { contact: Recipient; periodStart: Date }[], now: Date) {
  for (const { contact, periodStart } of done) {
    const at = new Date(Math.max(now.getTime(), periodStart.getTime()));
    await db.update(alertContacts).set({ lastDigestAt: at }).where(eq(alertContacts.id, contact.id));
  }
}
