import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { connections, webhookRateWindows, webhookReceipts, type WebhookReceipt } from "@/db/schema";
import { writeFirst } from "@/db/serialize-writes";
import { EVENT_SOURCES, parseWebhookEvent } from "./events";
import type { ConnectionCache } from "./connection-cache";
import { rateWindow, type RateLimit, type RateLimiter } from "./rate-limiter";
import { INVALID_SIGNATURE, type Rejection } from "./rejections";
import { checkSignatureHeaders, verifySignature, type SignatureHeaders } from "./verify-signature";

export type WebhookRequest = { connectionId: string; headers: SignatureHeaders; body: string };
export type ReceivedReceipt = Pick<WebhookReceipt, "id" | "status">;
export type ReceiveResult = { ok: true; receipt: ReceivedReceipt; duplicate: boolean } | { ok: false; rejection: Rejection };

/**
 * Where the rate limit is kept: this process's bucket, or the database's windows shared by every instance. With
 * this process's bucket (an embedded file) `store` may store the receipt elsewhere: through the webhook worker.
 */
export type WebhookRateLimit = { limiter: RateLimiter; store?: (receipt: NewReceipt) => Promise<StoredReceipt> } | { shared: RateLimit };

/**
 * The front door (docs/rules.md#w1): authenticates, validates and rate-limits one request, then stores it once per
 * (connection, webhook-id). Only a valid event spends the connection's budget. Every refusal happens before the one insert, so a refused request changes
 * nothing; a repeated webhook-id is answered with the receipt stored the first time. A shared limit is counted
 * and checked in the insert's own round trip (storeCounted); the counter is all a request over it writes.
 */
export async function receiveWebhook(
  db: Db,
  request: WebhookRequest,
  deps: { now: Date; connections?: ConnectionCache } & WebhookRateLimit,
): Promise<ReceiveResult> {
  const { now } = deps;
  const refuse = (rejection: Rejection): ReceiveResult => ({ ok: false, rejection });
  const headerProblem = checkSignatureHeaders(request.headers, now);
  if (headerProblem) return refuse(headerProblem);

  const connection = await findConnection(db, request.connectionId, deps.connections);
  const signatureProblem = verifySignature(connection, request.headers, request.body, now);
  if (signatureProblem || !connection) return refuse(signatureProblem ?? INVALID_SIGNATURE);

  const rateLimited = (retryAfterSeconds: number) =>
    refuse({
      code: "rate_limited",
      message: `Too many events for this connection; try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    });

  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch (error) {
    return refuse({ code: "invalid_json", message: `The body is not JSON: ${(error as Error).message}` });
  }
  const parsed = parseWebhookEvent(json);
  if (!parsed.ok) return refuse({ code: "invalid_event", message: parsed.message, fields: parsed.fields });
  const { type } = parsed.event;
  if (!EVENT_SOURCES[type].includes(connection.kind)) {
    return refuse({
      code: "event_not_allowed",
      message: `${type} is sent by a ${EVENT_SOURCES[type].join(" or ")} connection; this endpoint belongs to a ${connection.kind} connection.`,
      fields: { type: `Not accepted from a ${connection.kind} connection.` },
    });
  }
  const receipt = { connectionId: connection.id, webhookId: request.headers.id!, eventType: type, payload: json, receivedAt: now };
  if ("limiter" in deps) {
    const rate = deps.limiter.take(String(connection.id), now);
    if (!rate.ok) return rateLimited(rate.retryAfterSeconds);
    return { ok: true, ...(await (deps.store ? deps.store(receipt) : storeReceipt(db, receipt))) };
  }
  const window = rateWindow(deps.shared, now);
  const stored = await storeCounted(db, receipt, window);
  return stored ? { ok: true, ...stored } : rateLimited(window.retryAfterSeconds);
}

export type NewReceipt = { connectionId: number; webhookId: string; eventType: string; payload: unknown; receivedAt: Date };
export type StoredReceipt = { receipt: ReceivedReceipt; duplicate: boolean };

async function findConnection(db: DbOrTx, rawId: string, cache?: ConnectionCache) {
  if (!/^[1-9]\d{0,14}$/.test(rawId)) return null;
  const id = Number(rawId);
  const load = async () => (await db.select().from(connections).where(eq(connections.id, id)))[0] ?? null;
  return cache ? cache.get(id, load) : load();
}

/** Stored once per (connection, webhook-id): the unique index decides, so two concurrent repeats store one. */
export async function storeReceipt(db: DbOrTx, receipt: NewReceipt): Promise<StoredReceipt> {
  // The connector is waiting on this write: it goes ahead of the background work of earlier events.
  const [inserted] = await writeFirst(
    async () =>
      await db
        .insert(webhookReceipts)
        .values({ ...receipt, status: "accepted" })
        .onConflictDoNothing()
        .returning({ id: webhookReceipts.id, status: webhookReceipts.status }),
  );
  return inserted ? { receipt: inserted, duplicate: false } : { receipt: await storedReceipt(db, receipt), duplicate: true };
}

/**
 * Under a shared limit: the window's counter and the receipt in one batch (one transaction, one round trip).
 * The receipt is inserted only while the counter is within the window's allowance; null when it is over.
 */
async function storeCounted(db: Db, receipt: NewReceipt, window: ReturnType<typeof rateWindow>) {
  const { connectionId } = receipt;
  const counter = and(eq(webhookRateWindows.connectionId, connectionId), eq(webhookRateWindows.windowStart, window.start));
  const [, [count], inserted] = await writeFirst(() =>
    db.batch([
      db
        .delete(webhookRateWindows)
        .where(and(eq(webhookRateWindows.connectionId, connectionId), lt(webhookRateWindows.windowStart, window.start))),
      db
        .insert(webhookRateWindows)
        .values({ connectionId, windowStart: window.start, n: 1 })
        .onConflictDoUpdate({
          target: [webhookRateWindows.connectionId, webhookRateWindows.windowStart],
          set: { n: sql`${webhookRateWindows.n} + 1` },
        })
        .returning({ n: webhookRateWindows.n }),
      // `where` also settles SQLite's parse of INSERT … SELECT … ON CONFLICT.
      db.all<{ id: number; status: WebhookReceipt["status"] }>(sql`
        insert into ${webhookReceipts} (connection_id, webhook_id, event_type, payload, status, received_at)
        select ${connectionId}, ${receipt.webhookId}, ${receipt.eventType}, ${JSON.stringify(receipt.payload)}, 'accepted', ${receipt.receivedAt.getTime()}
        where (select n from ${webhookRateWindows} where ${counter}) <= ${window.max}
        on conflict do nothing
        returning id, status`),
    ]),
  );
  if (inserted[0]) return { receipt: inserted[0], duplicate: false };
  if (count!.n > window.max) return null;
  return { receipt: await storedReceipt(db, receipt), duplicate: true };
}

async function storedReceipt(db: DbOrTx, { connectionId, webhookId }: NewReceipt) {
  const [stored] = await db
    .select({ id: webhookReceipts.id, status: webhookReceipts.status })
    .from(webhookReceipts)
    .where(and(eq(webhookReceipts.connectionId, connectionId), eq(webhookReceipts.webhookId, webhookId)));
  return stored!;
}
