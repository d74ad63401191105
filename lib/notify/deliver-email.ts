import { createHash } from "node:crypto";
import { desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { EmailSendError, MAX_BATCH, type BatchItemResult, type EmailTransport, type OutgoingEmail } from "./email-transport";

export { emailFrom, transportFromEnv, type EmailTransport } from "./email-transport";

export type EmailMessage = OutgoingEmail & {
  template: string;
  accountId?: number | null;
};

/** Rows in these states are done: never sent again under the same key. */
const DONE = new Set<OutboxEmail["status"]>(["sent", "outbox", "rejected"]);

/**
 * Records the email in the outbox and hands it to the transport, once per idempotency key: a key that was
 * already sent (or kept locally, or refused for good) is not sent again. A retry of a failed send sends the
 * stored content, so it is the same request (Resend answers a reused key with another payload with 409).
 * Retryable errors are recorded and thrown, so the job retries; an email refused for good is marked
 * `rejected` and returned.
 */
export async function deliverEmail(db: DbOrTx, message: EmailMessage, transport: EmailTransport, now: Date): Promise<OutboxEmail> {
  const [existing] = await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, message.idempotencyKey));
  if (existing && DONE.has(existing.status)) return existing;
  const row = existing ?? (await insertPending(db, [message], now))[0];
  // Another run recorded the same email a moment ago: it is sending it.
  if (!row) return (await rowsByKey(db, [message.idempotencyKey])).get(message.idempotencyKey)!;
  try {
    const { providerId } = await transport.send(outgoing(row, message.headers));
    return await markResult(db, row.id, { providerId }, transport, now);
  } catch (error) {
    const [rejected] = await markFailure(db, [row.id], error, now);
    return rejected!;
  }
}

/** What a batch reports per email: its outcome, without reading the bodies back from the database. */
export type DeliveredEmail = Pick<OutboxEmail, "id" | "idempotencyKey" | "to" | "status" | "error" | "providerId">;
const DELIVERED = {
  id: emailOutbox.id,
  idempotencyKey: emailOutbox.idempotencyKey,
  to: emailOutbox.to,
  status: emailOutbox.status,
  error: emailOutbox.error,
  providerId: emailOutbox.providerId,
};

/**
 * The same guarantee for many emails (digests): the ones not yet done go out in batches of at most 100,
 * each batch keyed by the emails it holds, so a retried run repeats no batch Resend already accepted. A new
 * email goes out as given; one that failed before goes out as stored.
 */
export async function deliverEmailBatch(
  db: DbOrTx,
  messages: EmailMessage[],
  transport: EmailTransport,
  now: Date,
): Promise<DeliveredEmail[]> {
  if (messages.length === 0) return [];
  const keys = messages.map((m) => m.idempotencyKey);
  const stored = await rowsByKey(db, keys);
  const outcomes = new Map<string, DeliveredEmail>(stored);
  const toSend = new Map<string, { id: number; email: OutgoingEmail }>();
  const byKey = new Map(messages.map((m) => [m.idempotencyKey, m]));
  for (const row of stored.values())
    if (!DONE.has(row.status)) toSend.set(row.idempotencyKey, { id: row.id, email: outgoing(row, byKey.get(row.idempotencyKey)!.headers) });
  const fresh = messages.filter((m) => !stored.has(m.idempotencyKey));
  for (const row of fresh.length
    ? await db
        .insert(emailOutbox)
        .values(pendingRows(fresh, now))
        .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
        .returning(DELIVERED)
    : []) {
    outcomes.set(row.idempotencyKey, row);
    toSend.set(row.idempotencyKey, { id: row.id, email: outgoing(byKey.get(row.idempotencyKey)!, byKey.get(row.idempotencyKey)!.headers) });
  }
  // Rows another run recorded a moment ago are that run's to send.
  for (const [key, row] of await rowsByKey(
    db,
    keys.filter((k) => !outcomes.has(k)),
  ))
    outcomes.set(key, row);
  const pending = keys.filter((key) => toSend.has(key));
  for (let start = 0; start < pending.length; start += MAX_BATCH) {
    const chunk = pending.slice(start, start + MAX_BATCH).map((key) => ({ key, ...toSend.get(key)! }));
    let results: BatchItemResult[];
    try {
      results = await transport.sendBatch(
        chunk.map((c) => c.email),
        batchKey(chunk.map((c) => c.key)),
      );
    } catch (error) {
      await markFailure(
        db,
        chunk.map((c) => c.id),
        error,
        now,
      );
      throw error;
    }
    // One write transaction per batch: a commit per email would stall the process (and the next batch's rendering).
    await db.transaction(async (tx) => {
      for (const [index, { key, id }] of chunk.entries()) {
        const [row] = await tx
          .update(emailOutbox)
          .set(resultColumns(results[index]!, transport, now))
          .where(eq(emailOutbox.id, id))
          .returning(DELIVERED);
        outcomes.set(key, row!);
      }
    });
  }
  return keys.map((key) => outcomes.get(key)!);
}

/** A batch's idempotency key: the same emails make the same key. */
export function batchKey(idempotencyKeys: string[]): string {
  return `batch:${createHash("sha256")
    .update([...idempotencyKeys].sort().join("\n"))
    .digest("hex")
    .slice(0, 48)}`;
}

function outgoing(
  row: Pick<OutboxEmail, "to" | "subject" | "html" | "text" | "idempotencyKey">,
  headers: Record<string, string> | undefined,
): OutgoingEmail {
  return { to: row.to, subject: row.subject, html: row.html, text: row.text, idempotencyKey: row.idempotencyKey, headers };
}

async function markResult(db: DbOrTx, id: number, result: BatchItemResult, transport: EmailTransport, now: Date) {
  const [updated] = await db
    .update(emailOutbox)
    .set(resultColumns(result, transport, now))
    .where(eq(emailOutbox.id, id))
    .returning();
  return updated!;
}

function resultColumns(result: BatchItemResult, transport: EmailTransport, now: Date) {
  return "rejected" in result
    ? { status: "rejected" as const, error: result.rejected }
    : transport.name === "resend"
      ? { status: "sent" as const, providerId: result.providerId, error: null, sentAt: now }
      : { status: "outbox" as const, providerId: null, error: null, sentAt: null };
}

/** Marks rows failed (retried on the next call) and rethrows, or rejected (never retried) and returns them. */
async function markFailure(db: DbOrTx, ids: number[], error: unknown, now: Date): Promise<OutboxEmail[]> {
  const rejected = error instanceof EmailSendError && !error.retryable;
  const rows = await db
    .update(emailOutbox)
    .set({
      status: rejected ? "rejected" : "failed",
      error: `${now.toISOString()} ${error instanceof Error ? error.message : String(error)}`,
    })
    .where(inArray(emailOutbox.id, ids))
    .returning();
  if (!rejected) throw error;
  return rows;
}

async function insertPending(db: DbOrTx, messages: EmailMessage[], now: Date): Promise<OutboxEmail[]> {
  if (messages.length === 0) return [];
  return db.insert(emailOutbox).values(pendingRows(messages, now)).onConflictDoNothing({ target: emailOutbox.idempotencyKey }).returning();
}

/** Recorded before sending: a crash mid-send leaves a row the retry sends again under the same key. */
function pendingRows(messages: EmailMessage[], now: Date) {
  return messages.map(({ headers: _, ...m }) => ({
    ...m,
    accountId: m.accountId ?? null,
    status: "failed" as const,
    error: "not sent yet",
    createdAt: now,
  }));
}

async function rowsByKey(db: DbOrTx, keys: string[]): Promise<Map<string, OutboxEmail>> {
  if (keys.length === 0) return new Map();
  const rows: OutboxEmail[] = [];
  for (let i = 0; i < keys.length; i += 500)
    rows.push(
      ...(await db
        .select()
        .from(emailOutbox)
        .where(inArray(emailOutbox.idempotencyKey, keys.slice(i, i + 500)))),
    );
  return new Map(rows.map((r) => [r.idempotencyKey, r]));
}

/** The keys among these that are done (sent, kept or rejected): a job skips them without rendering anything. */
export async function doneKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  const rows = await rowsByKey(db, keys);
  return new Set([...rows.values()].filter((r) => DONE.has(r.status)).map((r) => r.idempotencyKey));
}
