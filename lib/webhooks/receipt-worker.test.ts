import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { connections, deliveries, webhookReceipts, webhookWorkers } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import type { Send } from "../connectors/send";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { OK, makeWorld } from "../testing/world";
import {
  createWorkerPresence,
  DEFER_AT_APP_IN_FLIGHT,
  liveWorker,
  startReceiptWorker,
  WORKER_ALIVE_MS,
  type ReceiptWorker,
} from "./receipt-worker";

const now = new Date("2026-12-07T14:05:00Z");
const shipTo = { name: "Grace Liu", line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" };

let database: TestDatabase;
let world: Awaited<ReturnType<typeof makeWorld>>;
const running: ReceiptWorker[] = [];
const stands: { answerFromNowOn: () => void }[] = [];
const address = (port: number) => ({ address: `http://127.0.0.1:${port}`, token: `token-${port}` });

beforeEach(async () => {
  database = await createTestDatabase();
  world = await makeWorld(database.db, now);
});
afterEach(async () => {
  // Whatever a test left held is answered, so the workers can stop.
  for (const wms of stands.splice(0)) wms.answerFromNowOn();
  await Promise.all(running.splice(0).map((w) => w.stop()));
  await database.cleanup();
});

/** A WMS stand-in that holds every request open until the test releases it, and counts sends per key. */
function heldWms() {
  const waiting: { key: string; release: (outcome: Outcome) => void }[] = [];
  const sentKeys: string[] = [];
  let inFlight = 0;
  let most = 0;
  let holding = true;
  const send: Send = (request) => {
    sentKeys.push(request.idempotencyKey);
    if (!holding) return Promise.resolve(OK);
    inFlight++;
    most = Math.max(most, inFlight);
    return new Promise<Outcome>((resolve) =>
      waiting.push({
        key: request.idempotencyKey,
        release: (outcome) => {
          inFlight--;
          resolve(outcome);
        },
      }),
    );
  };
  const wms = {
    send,
    sentKeys,
    waiting,
    most: () => most,
    releaseAll: () => waiting.splice(0).forEach((w) => w.release(OK)),
    /** Answers what is held and every later request at once. */
    answerFromNowOn: () => {
      holding = false;
      wms.releaseAll();
    },
    /** Answers each held request as it comes, until `n` requests have been sent. */
    async answerUntilSent(n: number) {
      await until(() => {
        wms.releaseAll();
        return sentKeys.length >= n && waiting.length === 0;
      }, `${n} sends answered`);
    },
  };
  stands.push(wms);
  return wms;
}

let seq = 0;
async function store(orderNumber: string, extra: Partial<typeof webhookReceipts.$inferInsert> = {}) {
  const data = { orderNumber, shipTo, shipMethodLabel: "Standard", lines: [{ sku: "SKU-1", quantity: 1 }] };
  const [receipt] = await database.db
    .insert(webhookReceipts)
    .values({
      connectionId: world.cart.id,
      webhookId: `msg_${++seq}`,
      eventType: "order.upserted",
      payload: { type: "order.upserted", data },
      receivedAt: now,
      ...extra,
    })
    .returning();
  return receipt!.id;
}

const statusOf = async (id: number) =>
  (await database.db.select({ status: webhookReceipts.status }).from(webhookReceipts).where(eq(webhookReceipts.id, id)))[0]?.status;

async function until(condition: () => boolean | Promise<boolean>, what: string, tries = 400) {
  for (let i = 0; i < tries; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function start(send: Send, id: string, concurrency = 2, pollMs = 2, maxDeferMs?: number) {
  const worker = startReceiptWorker({
    db: database.db,
    send,
    id,
    store: address(4000),
    concurrency,
    pollMs,
    maxDeferMs,
    now: () => now,
  });
  running.push(worker);
  return worker;
}

it("applies stored events and sends what they create through the connection's run, each order once, beating while it runs", async () => {
  const wms = heldWms();
  const ids = [await store("#W1"), await store("#W2"), await store("#W3")];
  const worker = start(wms.send, "host:1", 2);

  await until(() => wms.waiting.length === 1, "the first send");
  expect(await liveWorker(database.db, now)).toEqual(address(4000));
  await wms.answerUntilSent(3);
  await worker.idle();
  expect(await Promise.all(ids.map(statusOf))).toEqual(["processed", "processed", "processed"]);
  expect(new Set(wms.sentKeys).size).toBe(3);
  expect(wms.sentKeys).toHaveLength(3);
  const sent = await database.db.select({ status: deliveries.status }).from(deliveries);
  expect(sent.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  expect(worker.applied).toBe(3);

  await worker.stop();
  running.splice(running.indexOf(worker), 1);
  // Stopped, it hands the work back to the app at once.
  expect(await database.db.select().from(webhookWorkers)).toEqual([]);
  expect(await liveWorker(database.db, now)).toBeNull();
});

it("an order created while its connection's run is sending is sent by that connection's next run, not left for the sync", async () => {
  const wms = heldWms();
  await store("#A1");
  const worker = start(wms.send, "host:1", 2);
  await until(() => wms.waiting.length === 1, "the first send");
  const second = await store("#A2");
  worker.wake();
  await until(async () => (await statusOf(second)) === "processed", "the second event applied");
  // One run per connection at a time: the second order waits for the first run to end.
  await new Promise((r) => setTimeout(r, 30));
  expect(wms.waiting).toHaveLength(1);
  wms.releaseAll();
  await until(() => wms.waiting.length === 1, "the second run's send");
  wms.releaseAll();
  await worker.idle();
  expect(wms.sentKeys).toHaveLength(2);
  expect((await database.db.select({ status: deliveries.status }).from(deliveries)).map((d) => d.status)).toEqual([
    "succeeded",
    "succeeded",
  ]);
});

it("leaves a down connection's new orders to its probe: applied, not sent", async () => {
  const wms = heldWms();
  await database.db.update(connections).set({ downSince: now }).where(eq(connections.id, world.wms.id));
  const id = await store("#D1");
  const worker = start(wms.send, "host:1");
  await until(async () => (await statusOf(id)) === "processed", "the event applied");
  await worker.idle();
  expect(wms.sentKeys).toEqual([]);
  expect((await database.db.select({ status: deliveries.status }).from(deliveries)).map((d) => d.status)).toEqual(["pending"]);
});

it("lets the app's requests go first: while the app says requests queue in it, events wait (one per defer interval)", async () => {
  const wms = heldWms();
  wms.answerFromNowOn();
  const worker = start(wms.send, "host:1", 4, 2, 60_000);
  // The app keeps saying, with each event it stores, that it is answering 12 requests at once.
  worker.noteAppInFlight(DEFER_AT_APP_IN_FLIGHT + 4);
  const saying = setInterval(() => worker.noteAppInFlight(DEFER_AT_APP_IN_FLIGHT + 4), 20);
  try {
    const ids = [await store("#B1"), await store("#B2")];
    worker.wake();
    await new Promise((r) => setTimeout(r, 80));
    expect(await Promise.all(ids.map(statusOf))).toEqual(["accepted", "accepted"]);
    clearInterval(saying);
    // Keeping up again: both are applied and sent.
    worker.noteAppInFlight(DEFER_AT_APP_IN_FLIGHT - 1);
    await until(async () => (await Promise.all(ids.map(statusOf))).every((s) => s === "processed"), "both applied");
    await worker.idle();
    expect(wms.sentKeys).toHaveLength(2);
  } finally {
    clearInterval(saying);
  }
});

it("two workers on the same events apply each once: the receipt is claimed in the apply transaction", async () => {
  const wms = heldWms();
  const ids = await Promise.all(["#T1", "#T2", "#T3", "#T4"].map((n) => store(n)));
  const workers = [start(wms.send, "host:1", 4), start(wms.send, "host:2", 4)];
  // Both workers read the same waiting events; the one that lost each claim skipped it, and each record is
  // sent by the run that claimed it.
  await wms.answerUntilSent(4);
  await Promise.all(workers.map((w) => w.idle()));
  expect(await Promise.all(ids.map(statusOf))).toEqual(["processed", "processed", "processed", "processed"]);
  expect(workers[0]!.applied + workers[1]!.applied).toBe(4);
  expect(wms.sentKeys).toHaveLength(4);
  expect(new Set(wms.sentKeys).size).toBe(4);
});

it("leaves an event that must wait (it carries its reason) to the minute job instead of trying it again and again", async () => {
  const wms = heldWms();
  const later = await store("#L1", { error: "The order is being sent; applied after." });
  const fresh = await store("#L2");
  start(wms.send, "host:1");
  await until(() => wms.waiting.length === 1, "the fresh event's send");
  wms.releaseAll();
  await until(async () => (await statusOf(fresh)) === "processed", "the fresh event applied");
  await new Promise((r) => setTimeout(r, 20));
  expect(await statusOf(later)).toBe("accepted");
  expect(wms.sentKeys).toHaveLength(1);
});

it("an event stored through the worker wakes it: applied at once, not at the next poll", async () => {
  const wms = heldWms();
  const worker = start(wms.send, "host:1", 2, 60_000);
  // The first look finds nothing; the next poll is a minute away.
  await until(async () => (await liveWorker(database.db, now)) !== null, "the first beat");
  await new Promise((r) => setTimeout(r, 20));
  const handed = await store("#K1");
  expect(wms.waiting).toHaveLength(0);
  // Stored by this process: handed over by id, applied without looking for it.
  worker.wake(handed);
  await until(() => wms.waiting.length === 1, "the woken send");
  wms.releaseAll();
});

it("a database that fails the heartbeat does not end the worker: it beats again a second later and applies", async () => {
  const wms = heldWms();
  wms.answerFromNowOn();
  let failures = 1;
  // The first write of the heartbeat fails, as a database that does not answer would.
  const flaky = new Proxy(database.db, {
    get(target, prop, receiver) {
      if (prop === "insert")
        return (table: unknown) => {
          if (table === webhookWorkers && failures-- > 0) throw new Error("database unavailable");
          return target.insert(table as typeof webhookWorkers);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const id = await store("#F1");
  const worker = startReceiptWorker({
    db: flaky,
    send: wms.send,
    id: "host:7",
    store: address(7),
    concurrency: 2,
    pollMs: 2,
    now: () => now,
  });
  running.push(worker);
  await until(async () => (await statusOf(id)) === "processed", "the event applied after the failed beat", 1_200);
  expect(failures).toBeLessThan(0);
  expect(await liveWorker(database.db, now)).toEqual(address(7));
});

it("a worker whose last beat is older than the alive window counts as gone; the latest beat is the one used", async () => {
  const old = new Date(now.getTime() - WORKER_ALIVE_MS - 1);
  await database.db.insert(webhookWorkers).values({ id: "host:9", ...address(9), startedAt: old, beatAt: old });
  expect(await liveWorker(database.db, now)).toBeNull();
  expect(await liveWorker(database.db, new Date(now.getTime() - 2))).toEqual(address(9));
  const recent = new Date(now.getTime() - 1_000);
  await database.db.insert(webhookWorkers).values({ id: "host:8", ...address(8), startedAt: recent, beatAt: recent });
  expect(await liveWorker(database.db, now)).toEqual(address(8));
});

it("the app's view of the worker is read off the request path, at most once per refresh, and a failed read means no worker", async () => {
  let clock = 0;
  let reads = 0;
  let answer: () => Promise<{ address: string; token: string } | null> = async () => address(1);
  const presence = createWorkerPresence(
    () => {
      reads++;
      return answer();
    },
    { refreshMs: 1_000, now: () => clock },
  );
  // The first request does not wait for the read: no worker known yet.
  expect(presence.current()).toBeNull();
  await new Promise((r) => setTimeout(r, 0));
  expect(presence.current()).toEqual(address(1));
  clock = 999;
  expect(presence.current()).toEqual(address(1));
  expect(reads).toBe(1);
  // The worker stopped beating: the next read says so.
  clock = 1_000;
  answer = async () => null;
  presence.current();
  await new Promise((r) => setTimeout(r, 0));
  expect(reads).toBe(2);
  expect(presence.current()).toBeNull();
  clock = 2_000;
  answer = () => Promise.reject(new Error("database gone"));
  presence.current();
  await new Promise((r) => setTimeout(r, 0));
  expect(reads).toBe(3);
  expect(presence.current()).toBeNull();
});
