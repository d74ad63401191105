import { randomBytes } from "node:crypto";
import { after } from "next/server";
import { getDatabase, getDb } from "@/db/client";
import { createReceiptHandOff, triggerApplyWebhook, type ReceiptHandOff } from "@/jobs/webhook-hand-off";
import { readEnv } from "@/lib/config/env";
import { httpSender } from "@/lib/connectors/send";
import { processReceipt } from "@/lib/webhooks/process-receipt";
import { createRateLimiter, webhookRateFromEnv, type RateLimiter } from "@/lib/webhooks/rate-limiter";
import { readBodyCapped } from "@/lib/webhooks/read-body";
import { createBackgroundProcessor, type BackgroundProcessor } from "@/lib/webhooks/background-processor";
import { webhookConnectionCache } from "@/lib/webhooks/connection-cache";
import { createWorkerPresence, liveWorker } from "@/lib/webhooks/receipt-worker";
import { storeThroughWorkerOrHere } from "@/lib/webhooks/worker-store";
import { receiveWebhook, type WebhookRateLimit } from "@/lib/webhooks/receive-webhook";
import type { Rejection, RejectionCode } from "@/lib/webhooks/rejections";

// POST /api/webhooks/{connectionId}: connectors' signed events (docs/rules.md#w1, docs/webhooks.md). Answers 202 once
// the event is stored; applying it and sending what it creates happen after the answer: on Trigger.dev when
// TRIGGER_SECRET_KEY is set (one apply-webhook run per receipt, handed off in batches), in the webhook worker's
// process while one is alive (`npm run worker`, which finds the stored events itself), otherwise in this process,
// in its spare time, kept alive by after() on a serverless host (docs/deploy.md, docs/rules.md#w3).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const STATUS: Record<RejectionCode, number> = {
  payload_too_large: 413,
  missing_signature: 401,
  invalid_webhook_id: 400,
  timestamp_out_of_tolerance: 401,
  invalid_signature: 401,
  rate_limited: 429,
  invalid_json: 400,
  invalid_event: 422,
  event_not_allowed: 422,
};

// no-transform: answers are a few bytes, and compressing each one cost more CPU than anything else the
// endpoint does (a CPU profile of bench/ingest.ts: zlib was 8% of the server's time).
const NO_STORE = { "cache-control": "no-store, no-transform" };

type Params = { params: Promise<{ connectionId: string }> };

export async function POST(request: Request, { params }: Params) {
  const work = background();
  work.requestStarted();
  try {
    const body = await readBodyCapped(request);
    if (!body.ok) return reject(body.rejection);
    const db = getDb();
    // With Trigger.dev the runs apply events; a worker, if one runs, is not asked.
    const worker = handOff() ? null : workerPresence().current();
    const limit = rateLimit();
    // On an embedded file the worker stores the receipt too: one process writes (lib/webhooks/worker-store.ts).
    const viaWorker =
      worker && "limiter" in limit
        ? storeThroughWorkerOrHere(db, worker, {
            appInFlight: () => work.requestsInFlight,
            onUnreachable: warnWorkerUnreachable,
          })
        : null;
    if (viaWorker && "limiter" in limit) limit.store = (receipt) => viaWorker.store(receipt);
    const result = await receiveWebhook(
      db,
      {
        connectionId: (await params).connectionId,
        headers: {
          id: request.headers.get("webhook-id"),
          timestamp: request.headers.get("webhook-timestamp"),
          signature: request.headers.get("webhook-signature"),
        },
        body: body.text,
      },
      { now: new Date(), ...limit, connections: webhookConnectionCache() },
    );
    if (!result.ok) return reject(result.rejection);
    const receiptId = result.receipt.id;
    // A repeat of an event still `accepted` (its first processing never finished) is processed again; the
    // receipt is claimed in a transaction, so it is applied once whichever process gets there first.
    if (result.receipt.status === "accepted") {
      const trigger = handOff();
      if (trigger) {
        trigger.handOff(receiptId);
        after(() => trigger.flushed());
      } else if (worker) {
        // The worker applies it: handed over by its store, or found by its poll (stored here: on a server
        // database, or while the worker did not answer). Applying it here too would make this process a second
        // writer beside the worker, whose every write waits inside SQLite with the event loop stopped.
      } else {
        work.enqueue(receiptId);
        after(() => work.idle());
      }
    }
    return Response.json({ id: receiptId }, { status: 202, headers: NO_STORE });
  } catch (error) {
    console.error("webhook request failed", error);
    return errorResponse(
      500,
      "internal_error",
      "Fixline could not handle this event right now. Send it again with the same webhook-id: a repeat is stored once.",
    );
  } finally {
    work.requestEnded();
  }
}

// Every other method gets the same JSON 405 with `Allow: POST` (docs/webhooks.md §5). Without these exports
// Next answers PUT/PATCH/DELETE with an empty 405 and OPTIONS with an `Allow` that lists GET.
function methodNotAllowed() {
  return errorResponse(405, "method_not_allowed", "Send events with POST (see /api/webhooks/schema.json for their shape).", {
    allow: "POST",
  });
}
export const GET = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

/** HEAD: the 405 and its headers, without a body (a HEAD answer has none). */
export function HEAD() {
  const answer = methodNotAllowed();
  return new Response(null, { status: answer.status, headers: answer.headers });
}

/** OPTIONS: 204 with `Allow: POST`; the endpoint is for connectors, so there are no CORS headers. */
export function OPTIONS() {
  return new Response(null, { status: 204, headers: { ...NO_STORE, allow: "POST" } });
}

function reject(rejection: Rejection): Response {
  const { code, message, fields, retryAfterSeconds } = rejection;
  const headers: Record<string, string> = retryAfterSeconds ? { "retry-after": String(retryAfterSeconds) } : {};
  return errorResponse(STATUS[code], code, message, headers, fields);
}

function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  fields?: Record<string, string>,
) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: { ...NO_STORE, ...headers } });
}

// Per process, kept across dev reloads: one token bucket per connection, and the background work, which
// yields to requests (a burst of events is answered first and applied in the gaps).
const store = globalThis as unknown as {
  fixlineWebhookLimiter?: RateLimiter;
  fixlineWebhookWork?: BackgroundProcessor;
  fixlineWebhookHandOff?: ReceiptHandOff;
  fixlineWebhookWorker?: ReturnType<typeof createWorkerPresence>;
};
const handOff = () =>
  readEnv().TRIGGER_SECRET_KEY
    ? (store.fixlineWebhookHandOff ??= createReceiptHandOff(triggerApplyWebhook, (ids, error) =>
        console.error(`webhook receipts ${ids.join(", ")}: hand-off to Trigger.dev failed; the sync job will apply them`, error),
      ))
    : null;
// On an embedded file this process is the only app process; on a server database every instance counts in the
// database, so the limit holds however many there are (lib/webhooks/rate-limiter.ts#rateWindow).
const rateLimit = (): WebhookRateLimit =>
  getDatabase().url.startsWith("file:")
    ? { limiter: (store.fixlineWebhookLimiter ??= createRateLimiter(webhookRateFromEnv())) }
    : { shared: webhookRateFromEnv() };
// Read once a second at most, off the request's path; until a worker has beaten, this process stores and applies events.
// One that stopped beating (6 s) is no longer read: then this process applies events itself again.
const workerPresence = () =>
  (store.fixlineWebhookWorker ??= createWorkerPresence(() => liveWorker(getDb(), new Date()), { refreshMs: 1_000 }));
let warnedAt = -Infinity;
/** A worker that beats but does not store (stuck, or just killed): said at most once a minute. */
function warnWorkerUnreachable(error: unknown) {
  if (performance.now() - warnedAt < 60_000) return;
  warnedAt = performance.now();
  console.warn(
    "The webhook worker did not store a receipt: this process stores them until it answers again; the worker or the minute job applies them",
    error,
  );
}
const background = () =>
  (store.fixlineWebhookWork ??= createBackgroundProcessor({
    process: (receiptId) =>
      processReceipt(
        {
          db: getDb(),
          now: new Date(),
          send: httpSender(),
          owner: `webhook:${process.pid}:${receiptId}:${randomBytes(3).toString("hex")}`,
        },
        receiptId,
      ),
    concurrency: 4,
    quietMs: 15,
    maxDeferMs: 1_000,
    spareBelow: readEnv().WEBHOOK_SPARE_BELOW,
    onError: (receiptId, error) =>
      console.error(`webhook receipt ${receiptId}: background processing failed; the sync job will retry it`, error),
  }));
