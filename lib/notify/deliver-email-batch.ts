import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { DONE, markFailure, outgoing, pendingRows, resultColumns, type EmailMessage } from "./deliver-email";
import { MAX_BATCH, type BatchItemResult, type EmailTransport } from "./email-transport";

/** The partial index's own condition, as literal SQL: SQLite uses a partial index only for a literal match, not a bound parameter. */
const PLANNED_AND_PENDING = sql`${emailOutbox.status} = 'failed' AND ${emailOutbox.batchKey} IS NOT NULL`;

/** What a batch reports per email: its outcome, without reading the bodies back from the database. */
export type DeliveredEmail = Pick<
  OutboxEmail,
  "id" | "idempotencyKey" | "to" | "status" | "error" | "providerId" | "contactId" | "createdAt"
>;
const DELIVERED = {
  id: emailOutbox.id,
  idempotencyKey: emailOutbox.idempotencyKey,
  to: emailOutbox.to,
  status: emailOutbox.status,
  error: emailOutbox.error,
  providerId: emailOutbox.providerId,
  contactId: emailOutbox.contactId,
  createdAt: emailOutbox.createdAt,
};

/**
 * The same guarantee as deliverEmail for many emails (digests), through batch requests of at most 100. A
 * batch's key is the hash of its emails' keys, and which emails make up a batch is written to the outbox
 * (`batch_key`) before the request is sent. A batch once planned is only ever sent again whole, as stored,
 * under its key: after a crash at any point (before the request, while it is in flight, after Resend
 * accepted it but before the answer was recorded) the rerun repeats the very request, and Resend drops it if
 * it had accepted it. Left-over emails are never regrouped into a new batch under a new key (docs/emails.md).
 */
export async function deliverEmailBatch(
  db: DbOrTx,
  messages: EmailMessage[],
  transport: EmailTransport,
  now: Date,
): Promise<DeliveredEmail[]> {
  if (messages.length === 0) return [];
  const keys = messages.map((m) => m.idempotencyKey);
  const known = await outcomesByKey(db, keys);
  const fresh = messages.filter((m) => !known.has(m.idempotencyKey));
  // Rows this call writes hold exactly these messages: their batch is sent from memory, not read back.
  const inserted = new Set<string>();
  for (let i = 0; i < fresh.length; i += 500)
    for (const row of await db
      .insert(emailOutbox)
      .values(pendingRows(fresh.slice(i, i + 500), now))
      .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
      .returning({ key: emailOutbox.idempotencyKey }))
      inserted.add(row.key);
  const written = new Map(fresh.filter((m) => inserted.has(m.idempotencyKey)).map((m) => [m.idempotencyKey, m]));
  const rows = fresh.length ? await outcomesByKey(db, keys) : known;
  const outcomes = new Map<string, DeliveredEmail>(rows);
  // Batches planned by an earlier run that did not finish: sent again exactly as they were.
  const replays = new Set([...rows.values()].filter((r) => !DONE.has(r.status) && r.batchKey).map((r) => r.batchKey!));
  for (const key of replays) for (const row of await sendPlannedBatch(db, key, transport, now)) outcomes.set(row.idempotencyKey, row);
  const unplanned = keys.filter((k) => {
    const row = rows.get(k);
    return row && !DONE.has(row.status) && !row.batchKey;
  });
  for (let start = 0; start < unplanned.length; start += MAX_BATCH) {
    const ids = unplanned.slice(start, start + MAX_BATCH).map((k) => rows.get(k)!.id);
    const key = await planBatch(db, ids);
    if (!key) continue;
    for (const row of await sendPlannedBatch(db, key, transport, now, written)) outcomes.set(row.idempotencyKey, row);
  }
  return keys.map((key) => outcomes.get(key)!);
}

/** What each of these keys' rows is now, without the bodies. */
async function outcomesByKey(db: DbOrTx, keys: string[]): Promise<Map<string, DeliveredEmail & { batchKey: string | null }>> {
  const out = new Map<string, DeliveredEmail & { batchKey: string | null }>();
  for (let i = 0; i < keys.length; i += 500)
    for (const row of await db
      .select({ ...DELIVERED, batchKey: emailOutbox.batchKey })
      .from(emailOutbox)
      .where(inArray(emailOutbox.idempotencyKey, keys.slice(i, i + 500))))
      out.set(row.idempotencyKey, row);
  return out;
}

/**
 * Writes the batch before it is sent: the rows among `ids` that no run has planned yet, under the hash of
 * their keys. In one write transaction, so two runs never plan the same email into two batches.
 */
async function planBatch(db: DbOrTx, ids: number[]): Promise<string | null> {
  return db.transaction(async (tx) => {
    const free = await tx
      .select({ id: emailOutbox.id, key: emailOutbox.idempotencyKey })
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.id, ids), isNull(emailOutbox.batchKey), eq(emailOutbox.status, "failed")));
    if (free.length === 0) return null;
    const key = batchKey(free.map((r) => r.key));
    await tx
      .update(emailOutbox)
      .set({ batchKey: key })
      .where(
        inArray(
          emailOutbox.id,
          free.map((r) => r.id),
        ),
      );
    return key;
  });
}

/**
 * Sends a planned batch as stored (members in id order, their stored headers) and records each answer. Members
 * written in this call (`written`) hold exactly the given messages, so only others are read back.
 */
async function sendPlannedBatch(
  db: DbOrTx,
  key: string,
  transport: EmailTransport,
  now: Date,
  written?: Map<string, EmailMessage>,
): Promise<DeliveredEmail[]> {
  // A batch's members share one fate (one answer, recorded in one transaction): all pending, or all done. The
  // conditions match the partial index, so this is a seek, not a scan of every email's body.
  const members = await db
    .select(DELIVERED)
    .from(emailOutbox)
    .where(and(eq(emailOutbox.batchKey, key), PLANNED_AND_PENDING))
    .orderBy(asc(emailOutbox.id));
  if (members.length === 0) return [];
  const unknown = members.filter((m) => !written?.has(m.idempotencyKey)).map((m) => m.id);
  const stored = new Map<number, OutboxEmail>();
  for (let i = 0; i < unknown.length; i += 500)
    for (const row of await db
      .select()
      .from(emailOutbox)
      .where(inArray(emailOutbox.id, unknown.slice(i, i + 500))))
      stored.set(row.id, row);
  const emails = members.map((m) => {
    const row = stored.get(m.id);
    if (row) return outgoing(row, row.headers);
    const message = written!.get(m.idempotencyKey)!;
    return outgoing(message, message.headers);
  });
  let results: BatchItemResult[];
  try {
    results = await transport.sendBatch(emails, key);
  } catch (error) {
    await markFailure(
      db,
      members.map((m) => m.id),
      error,
      now,
    );
    throw error;
  }
  // One write transaction per batch: a commit per email would stall the process (and the next batch's rendering).
  return db.transaction(async (tx) => {
    const recorded: DeliveredEmail[] = [];
    for (const [index, member] of members.entries()) {
      const [row] = await tx
        .update(emailOutbox)
        .set(resultColumns(results[index]!, transport, now))
        .where(eq(emailOutbox.id, member.id))
        .returning(DELIVERED);
      recorded.push(row!);
    }
    return recorded;
  });
}

/** Every batch an earlier run planned and did not see answered, sent again as it was; what each member became. */
export async function replayPlannedBatches(db: DbOrTx, transport: EmailTransport, now: Date): Promise<DeliveredEmail[]> {
  const planned = await db.selectDistinct({ key: emailOutbox.batchKey }).from(emailOutbox).where(PLANNED_AND_PENDING);
  const delivered: DeliveredEmail[] = [];
  for (const { key } of planned) delivered.push(...(await sendPlannedBatch(db, key!, transport, now)));
  return delivered;
}

/** A batch's idempotency key: the same emails make the same key. */
export function batchKey(idempotencyKeys: string[]): string {
  return `batch:${createHash("sha256")
    .update([...idempotencyKeys].sort().join("\n"))
    .digest("hex")
    .slice(0, 48)}`;
}
