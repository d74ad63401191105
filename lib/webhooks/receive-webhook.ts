import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, webhookReceipts, type WebhookReceipt } from "@/db/schema";
import { writeFirst } from "@/db/serialize-writes";
import { EVENT_SOURCES, parseWebhookEvent } from "./events";
import type { ConnectionCache } from "./connection-cache";
import type { RateLimiter } from "./rate-limiter";
import { INVALID_SIGNATURE, type Rejection } from "./rejections";
import { checkSignatureHeaders, verifySignature, type SignatureHeaders } from "./verify-signature";

export type WebhookRequest = { connectionId: string; headers: SignatureHeaders; body: string };
export type ReceivedReceipt = Pick<WebhookReceipt, "id" | "status">;
export type ReceiveResult = { ok: true; receipt: ReceivedReceipt; duplicate: boolean } | { ok: false; rejection: Rejection };

/**
 * The front door (docs/rules.md#w1): authenticates, rate-limits and validates one request, then stores it once per
 * (connection, webhook-id). Every refusal happens before the one insert, so a refused request changes
 * nothing; a repeated webhook-id is answered with the receipt stored the first time.
 */
export async function receiveWebhook(
  db: DbOrTx,
  request: WebhookRequest,
  deps: { now: Date; limiter: RateLimiter; connections?: ConnectionCache },
): Promise<ReceiveResult> {
  const { now } = deps;
  const refuse = (rejection: Rejection): ReceiveResult => ({ ok: false, rejection });
  const headerProblem = checkSignatureHeaders(request.headers, now);
  if (headerProblem) return refuse(headerProblem);

  const connection = await findConnection(db, request.connectionId, deps.connections);
  const signatureProblem = verifySignature(connection, request.headers, request.body, now);
  if (signatureProblem || !connection) return refuse(signatureProblem ?? INVALID_SIGNATURE);

  const rate = deps.limiter.take(String(connection.id), now);
  if (!rate.ok) {
    return refuse({
      code: "rate_limited",
      message: `Too many events for this connection; try again in ${rate.retryAfterSeconds} s.`,
      retryAfterSeconds: rate.retryAfterSeconds,
    });
  }

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
  return { ok: true, ...(await storeReceipt(db, connection.id, request.headers.id!, type, json, now)) };
}

async function findConnection(db: DbOrTx, rawId: string, cache?: ConnectionCache) {
  if (!/^[1-9]\d{0,14}$/.test(rawId)) return null;
  const id = Number(rawId);
  const load = async () => (await db.select().from(connections).where(eq(connections.id, id)))[0] ?? null;
  return cache ? cache.get(id, load) : load();
}

/** Stored once per (connection, webhook-id): the unique index decides, so two concurrent repeats store one. */
async function storeReceipt(db: DbOrTx, connectionId: number, webhookId: string, eventType: string, payload: unknown, now: Date) {
  // The connector is waiting on this write: it goes ahead of the background work of earlier events.
  const [inserted] = await writeFirst(
    async () =>
      await db
        .insert(webhookReceipts)
        .values({ connectionId, webhookId, eventType, payload, status: "accepted", receivedAt: now })
        .onConflictDoNothing()
        .returning({ id: webhookReceipts.id, status: webhookReceipts.status }),
  );
  if (inserted) return { receipt: inserted, duplicate: false };
  const [stored] = await db
    .select({ id: webhookReceipts.id, status: webhookReceipts.status })
    .from(webhookReceipts)
    .where(and(eq(webhookReceipts.connectionId, connectionId), eq(webhookReceipts.webhookId, webhookId)));
  return { receipt: stored!, duplicate: true };
}
