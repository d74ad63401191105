import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertContacts } from "@/db/schema";
import { composeDigest, loadDigestGroups, type DigestWindow } from "./build-digest";
import { deliverEmailBatch, replayPlannedBatches, type DeliveredEmail, type EmailMessage } from "./deliver-email";
import { emailFooter } from "./alert-email-content";
import { digestKinds } from "./alert-topics";
import { digestSince, dueDigestPeriod, nextDigestAfter } from "./digest-schedule";
import { MAX_BATCH } from "./email-transport";
import { listUnsubscribeHeaders } from "./links";
import type { Recipient } from "./recipients";
import type { EmailDeps, SendSummary } from "./send-alert-emails";

export function digestKey(contact: { id: number; frequency: string }, periodStart: Date): string {
  return `digest:${contact.id}:${contact.frequency}:${periodStart.toISOString()}`;
}

/** `replayed`: digests of batches an earlier run planned and did not see answered, sent again first. */
export type DigestSummary = SendSummary & { due: number; empty: number; replayed: number };

type DueContact = { contact: Recipient; periodStart: Date };
type Digested = DueContact & { message: EmailMessage };

/** Contacts whose digests are loaded together: a few queries per step rather than two per contact. */
export const CONTACTS_PER_STEP = MAX_BATCH;

/**
 * Sends each contact the digest its frequency says is due (hourly on the hour; daily at 08:00 UTC; weekly on
 * Mondays at 08:00 UTC), at most once per period: the key names the contact and the period, and
 * `lastDigestAt` moves past the period once it is sent. Digests go out through Resend's batch API, 100 per
 * request, paced under its rate limit; the next batch is rendered while one waits for its turn, so a run
 * takes about as long as the rate limit allows, and holds only a few batches in memory.
 */
export async function sendDigests(db: DbOrTx, deps: EmailDeps): Promise<DigestSummary> {
  // A batch an earlier run planned goes out first, as it was (deliver-email-batch.ts), and counts as that
  // contact's digest: a rerun in a later hour does not tell it the same alerts again.
  const replayed = await replayPlannedBatches(db, deps.transport, deps.now);
  await markReplayed(db, replayed);
  const contacts = await dueContacts(db, deps.now);
  const merchantsOf = await merchantsHeardBy(db);
  const summary: DigestSummary = { due: contacts.length, empty: 0, sent: 0, rejected: 0, replayed: replayed.length };
  const run = async (tx: DbOrTx) => {
    const sender = batchSender(tx, deps, summary);
    try {
      for (let start = 0; start < contacts.length; start += CONTACTS_PER_STEP) {
        const step = contacts.slice(start, start + CONTACTS_PER_STEP);
        const digests = await composeDigests(tx, step, merchantsOf, deps);
        const nothingToSay = step.filter((_, i) => !digests[i]);
        summary.empty += nothingToSay.length;
        await markDigested(tx, nothingToSay, deps.now);
        for (const [i, content] of digests.entries()) {
          if (!content) continue;
          const { contact, periodStart } = step[i]!;
          const { subject, html, text } = await deps.render({ ...content, footer: emailFooter(contact, "digest", deps) });
          const headers = listUnsubscribeHeaders(deps, contact);
          const message = {
            to: contact.email,
            subject,
            html,
            text,
            template: "digest",
            idempotencyKey: digestKey(contact, periodStart),
            accountId: contact.accountId,
            contactId: contact.id,
            headers,
          };
          await sender.add({ contact, periodStart, message });
        }
      }
      await sender.finish();
    } catch (error) {
      await sender.settle();
      throw error;
    }
  };
  // Nothing leaves the machine with the local outbox: one write transaction for the whole run.
  if (deps.transport.name === "outbox") await db.transaction(run);
  else await run(db);
  return summary;
}

/** The digests of a step of contacts, in order (null: nothing to say); contacts sharing a window share the queries. */
async function composeDigests(db: DbOrTx, step: DueContact[], merchantsOf: (accountId: number) => number[], deps: EmailDeps) {
  const windows = step.map(({ contact, periodStart }): DigestWindow => {
    const next = nextDigestAfter(contact, periodStart)!;
    return {
      since: digestSince(contact, periodStart),
      until: digestCutOff(deps.now, periodStart),
      now: deps.now,
      next,
      frequency: contact.frequency,
      timeZone: contact.timeZone,
      kinds: digestKinds(contact),
    };
  });
  // Contacts with the same window share one query of their merchants' alerts.
  const windowKey = (w: DigestWindow) => `${w.since.getTime()}|${w.until.getTime()}`;
  const byWindow = new Map<string, { window: DigestWindow; merchants: number[] }>();
  for (const [i, window] of windows.entries()) {
    const entry = byWindow.get(windowKey(window)) ?? { window, merchants: [] };
    entry.merchants.push(...merchantsOf(step[i]!.contact.accountId));
    byWindow.set(windowKey(window), entry);
  }
  const groupsByWindow = new Map<string, Awaited<ReturnType<typeof loadDigestGroups>>>();
  for (const [key, { window, merchants }] of byWindow) groupsByWindow.set(key, await loadDigestGroups(db, merchants, window));
  return windows.map((window, i) => {
    const groups = groupsByWindow.get(windowKey(window))!;
    return composeDigest(
      merchantsOf(step[i]!.contact.accountId).flatMap((id) => groups.get(id) ?? []),
      window,
      deps.appUrl,
    );
  });
}

/**
 * Hands digests over 100 at a time. A batch is delivered while the caller renders the next one; the next
 * batch waits for it, so a failed batch stops the run before anything after it is sent (and the retry sends
 * the same batch under the same key). Each batch's contacts are marked done once it is accepted.
 */
function batchSender(db: DbOrTx, deps: EmailDeps, summary: DigestSummary) {
  let queue: Digested[] = [];
  let inFlight: Promise<void> | null = null;
  const deliver = async (batch: Digested[]) => {
    const rows = await deliverEmailBatch(
      db,
      batch.map((d) => d.message),
      deps.transport,
      deps.now,
    );
    for (const row of rows) {
      if (row.status === "rejected") summary.rejected++;
      else summary.sent++;
    }
    await markDigested(db, batch, deps.now);
  };
  const flush = async () => {
    if (inFlight) await inFlight;
    const batch = queue;
    queue = [];
    inFlight = batch.length ? deliver(batch) : null;
    // Its failure is seen by the next flush, finish or settle: never an unhandled rejection meanwhile.
    inFlight?.catch(() => {});
  };
  return {
    async add(digested: Digested) {
      queue.push(digested);
      if (queue.length >= MAX_BATCH) await flush();
    },
    async finish() {
      await flush();
      if (inFlight) await inFlight;
    },
    /** After an error elsewhere: let the batch in flight finish recording what it sent. */
    async settle() {
      await inFlight?.catch(() => {});
    },
  };
}

async function dueContacts(db: DbOrTx, now: Date): Promise<DueContact[]> {
  const contacts = await loadContacts(db);
  return contacts.flatMap((contact) => {
    const periodStart = dueDigestPeriod(contact, now);
    return periodStart ? [{ contact, periodStart }] : [];
  });
}

async function loadContacts(db: DbOrTx): Promise<Recipient[]> {
  const rows = await db
    .select({ contact: alertContacts, accountName: accounts.name })
    .from(alertContacts)
    .innerJoin(accounts, eq(accounts.id, alertContacts.accountId))
    .orderBy(alertContacts.id);
  return rows.filter((r) => r.contact.frequency !== "off").map((r) => ({ ...r.contact, accountName: r.accountName }));
}

/** The merchants whose alerts an account's contacts hear about: the merchant itself, or those a warehouse serves. */
async function merchantsHeardBy(db: DbOrTx): Promise<(accountId: number) => number[]> {
  const rows = await db.select({ id: accounts.id, kind: accounts.kind, warehouseId: accounts.warehouseId }).from(accounts);
  const heardBy = new Map<number, number[]>();
  const add = (accountId: number, merchantId: number) => {
    const merchants = heardBy.get(accountId);
    if (merchants) merchants.push(merchantId);
    else heardBy.set(accountId, [merchantId]);
  };
  for (const a of rows) {
    if (a.kind !== "merchant") continue;
    add(a.id, a.id);
    if (a.warehouseId != null) add(a.warehouseId, a.id);
  }
  return (accountId) => heardBy.get(accountId) ?? [];
}

/** What a digest covers up to, and where the next one's "new" starts: its run's time, or its period's start for a run a little early. */
function digestCutOff(now: Date, periodStart: Date): Date {
  return new Date(Math.max(now.getTime(), periodStart.getTime()));
}

/** The digest of this period is done: the next one is due next period (a run a little early counts for its period). */
async function markDigested(db: DbOrTx, done: DueContact[], now: Date) {
  const byTime = new Map<number, number[]>();
  for (const { contact, periodStart } of done) {
    const at = digestCutOff(now, periodStart).getTime();
    const ids = byTime.get(at);
    if (ids) ids.push(contact.id);
    else byTime.set(at, [contact.id]);
  }
  for (const [at, ids] of byTime) {
    for (let i = 0; i < ids.length; i += 500)
      await db
        .update(alertContacts)
        .set({ lastDigestAt: new Date(at) })
        .where(inArray(alertContacts.id, ids.slice(i, i + 500)));
  }
}

/** The contacts of replayed digests heard from Fixline when those digests were written (or their period began). */
async function markReplayed(db: DbOrTx, delivered: DeliveredEmail[]) {
  for (const row of delivered) {
    const period = /^digest:\d+:\w+:(.+)$/.exec(row.idempotencyKey)?.[1];
    if (row.contactId == null || !period) continue;
    const at = new Date(Math.max(row.createdAt.getTime(), new Date(period).getTime() || 0));
    await db
      .update(alertContacts)
      .set({ lastDigestAt: at })
      .where(and(eq(alertContacts.id, row.contactId), or(isNull(alertContacts.lastDigestAt), lt(alertContacts.lastDigestAt, at))));
  }
}
