import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { EmailSendError, type BatchItemResult, type EmailTransport, type OutgoingEmail } from "./email-transport";

export { transportFromEnv, type EmailTransport } from "./email-transport";
export { batchKey, deliverEmailBatch, replayPlannedBatches, type DeliveredEmail } from "./deliver-email-batch";

export type EmailMessage = OutgoingEmail & {
  template: string;
  accountId?: number | null;
  /** The alert contact it goes to, when it goes to one. */
  contactId?: number | null;
};

/** Rows in these states are done: never sent again under the same key. */
export const DONE = new Set<OutboxEmail["status"]>(["sent", "outbox", "rejected"]);

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
    const { providerId } = await transport.send(outgoing(row, row.headers ?? message.headers));
    return await markResult(db, row.id, { providerId }, transport, now);
  } catch (error) {
    const [rejected] = await markFailure(db, [row.id], error, now);
    return rejected!;
  }
}

export function outgoing(
  row: Pick<OutboxEmail, "to" | "subject" | "html" | "text" | "idempotencyKey">,
  headers: Record<string, string> | null | undefined,
): OutgoingEmail {
  return {
    to: row.to,
    subject: row.subject,
    html: row.html,
    text: row.text,
    idempotencyKey: row.idempotencyKey,
    headers: headers ?? undefined,
  };
}

async function markResult(db: DbOrTx, id: number, result: BatchItemResult, transport: EmailTransport, now: Date) {
  const [updated] = await db
    .update(emailOutbox)
    .set(resultColumns(result, transport, now))
    .where(eq(emailOutbox.id, id))
    .returning();
  return updated!;
}

export function resultColumns(result: BatchItemResult, transport: EmailTransport, now: Date) {
  return "rejected" in result
    ? { status: "rejected" as const, error: result.rejected }
    : transport.name === "resend"
      ? { status: "sent" as const, providerId: result.providerId, error: null, sentAt: now }
      : { status: "outbox" as const, providerId: null, error: null, sentAt: null };
}

/** Marks rows failed (retried on the next call) and rethrows, or rejected (never retried) and returns them. */
export async function markFailure(db: DbOrTx, ids: number[], error: unknown, now: Date): Promise<OutboxEmail[]> {
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
export function pendingRows(messages: EmailMessage[], now: Date) {
  return messages.map(({ headers, ...m }) => ({
    ...m,
    headers: headers ?? null,
    accountId: m.accountId ?? null,
    contactId: m.contactId ?? null,
    status: "failed" as const,
    error: "not sent yet",
    createdAt: now,
  }));
}

export async function rowsByKey(db: DbOrTx, keys: string[]): Promise<Map<string, OutboxEmail>> {
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
