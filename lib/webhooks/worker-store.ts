import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { Db } from "@/db/client";
import { storeReceipt, type NewReceipt, type StoredReceipt } from "./receive-webhook";
import type { WorkerAddress } from "./receipt-worker";

/** Receipts are small; anything bigger than the endpoint's own cap (docs/webhooks.md) is not from the app. */
const MAX_BODY_BYTES = 512 * 1024;
/** A worker that has not stored a receipt by then is taken for stuck: the app stores it itself. */
const WORKER_STORE_TIMEOUT_MS = 5_000;

const ReceiptToStore = z.strictObject({
  connectionId: z.number().int().positive(),
  webhookId: z.string().min(1).max(255),
  eventType: z.string().min(1).max(64),
  payload: z.unknown(),
  receivedAt: z.number().int().positive(),
});

export type StoreServer = { address: string; close: () => Promise<void> };

/**
 * The worker's side of storing receipts for the app (docs/decisions/0014-a-webhook-worker-process.md): on an
 * embedded file only one process should write, or each waits for the other inside SQLite with its event loop
 * stopped. The app verifies and rate-limits a request, then hands the receipt here; it is stored exactly as the
 * app would store it (once per connection and webhook-id) and the answer is sent once it is committed. Listens
 * on the loopback interface only, and asks for the token it wrote beside its address in the database.
 */
export function startStoreServer(opts: {
  db: Db;
  token: string;
  /** A receipt is stored; `appInFlight` is how many webhook requests the app was answering then, as it said. */
  onStored: (stored: StoredReceipt, appInFlight: number) => void;
}): Promise<StoreServer> {
  const expected = Buffer.from(`Bearer ${opts.token}`);
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return answer(res, 401, { error: "unauthorized" });
    if (req.method !== "POST" || req.url !== "/receipts") return answer(res, 404, { error: "not_found" });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      let receipt: NewReceipt;
      try {
        const parsed = ReceiptToStore.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        receipt = { ...parsed, receivedAt: new Date(parsed.receivedAt) };
      } catch (error) {
        return answer(res, 400, { error: "invalid_receipt", message: error instanceof Error ? error.message : String(error) });
      }
      storeReceipt(opts.db, receipt).then(
        (stored) => {
          answer(res, 200, stored);
          const inFlight = Number(req.headers[APP_IN_FLIGHT_HEADER]);
          opts.onStored(stored, Number.isSafeInteger(inFlight) && inFlight > 0 ? inFlight : 0);
        },
        (error: unknown) => {
          console.error("webhook worker: storing a receipt failed", error);
          answer(res, 503, { error: "store_failed" });
        },
      );
    });
  });
  // Longer than the app's idle sockets live (IDLE_SOCKET_MS), so the worker never closes one the app is reusing.
  server.keepAliveTimeout = IDLE_SOCKET_MS * 2;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        address: `http://127.0.0.1:${port}`,
        // New receipts go to the app from now on; the ones being stored are answered first.
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}

const IDLE_SOCKET_MS = 30_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS });
/** How many requests the app is answering, sent with each receipt, so the worker lets them go first (docs/rules.md#w3). */
const APP_IN_FLIGHT_HEADER = "x-fixline-app-in-flight";

/** The app's side: stores a receipt through the worker, or throws (refused, unreachable, too slow). */
function storeThroughWorker(worker: WorkerAddress, receipt: NewReceipt, appInFlight: number): Promise<StoredReceipt> {
  const body = JSON.stringify({ ...receipt, receivedAt: receipt.receivedAt.getTime() });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${worker.address}/receipts`,
      {
        method: "POST",
        agent,
        timeout: WORKER_STORE_TIMEOUT_MS,
        headers: {
          authorization: `Bearer ${worker.token}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          [APP_IN_FLIGHT_HEADER]: String(appInFlight),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`the webhook worker answered ${res.statusCode}`));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as StoredReceipt);
          } catch (error) {
            reject(error);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`the webhook worker did not answer within ${WORKER_STORE_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * The store a request uses while a worker is known: through the worker, or — refused, unreachable, too slow — by
 * this process itself, after which `onUnreachable` runs. What the app stored the worker's poll finds (or, if the
 * worker is gone, the minute job). A receipt the worker stored and did not answer for is stored once all the same:
 * the unique index makes the app's insert find it. `byWorker` says which of the two stored it.
 */
export function storeThroughWorkerOrHere(
  db: Db,
  worker: WorkerAddress,
  options: { appInFlight: () => number; onUnreachable: (error: unknown) => void },
) {
  let byWorker = false;
  return {
    get byWorker() {
      return byWorker;
    },
    async store(receipt: NewReceipt): Promise<StoredReceipt> {
      // Storing is idempotent (one receipt per connection and webhook-id), so a request lost with its socket is sent again once.
      for (let attempt = 1; ; attempt++) {
        try {
          const stored = await storeThroughWorker(worker, receipt, options.appInFlight());
          byWorker = true;
          return stored;
        } catch (error) {
          if (attempt === 1 && isLostSocket(error)) continue;
          options.onUnreachable(error);
          return storeReceipt(db, receipt);
        }
      }
    },
  };
}

/** A kept-alive socket closed under a request: the request never reached the worker, or its answer was lost. */
function isLostSocket(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ECONNRESET" || code === "EPIPE";
}
