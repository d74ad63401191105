import { afterEach, beforeEach, expect, it } from "vitest";
import { webhookReceipts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import type { NewReceipt, StoredReceipt } from "./receive-webhook";
import { startStoreServer, storeThroughWorkerOrHere, type StoreServer } from "./worker-store";

const now = new Date("2026-12-07T14:05:00Z");
let database: TestDatabase;
let world: Awaited<ReturnType<typeof makeWorld>>;
let server: StoreServer | null;
const told: { stored: StoredReceipt; appInFlight: number }[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  world = await makeWorld(database.db, now);
  told.length = 0;
  server = await startStoreServer({
    db: database.db,
    token: "the-token",
    onStored: (stored, appInFlight) => told.push({ stored, appInFlight }),
  });
});
afterEach(async () => {
  await server?.close();
  await database.cleanup();
});

const receipt = (webhookId: string): NewReceipt => ({
  connectionId: world.cart.id,
  webhookId,
  eventType: "error.reported",
  payload: { type: "error.reported", data: { sku: "SKU-1", message: "Unknown product" } },
  receivedAt: now,
});
const stored = () =>
  database.db.select({ webhookId: webhookReceipts.webhookId, receivedAt: webhookReceipts.receivedAt }).from(webhookReceipts);
const failures: unknown[] = [];
const viaWorker = (address: string, token = "the-token") =>
  storeThroughWorkerOrHere(database.db, { address, token }, { appInFlight: () => 3, onUnreachable: (error) => failures.push(error) });

it("stores a receipt through the worker once, as the app would, and tells the worker it is there", async () => {
  const first = viaWorker(server!.address);
  const answer = await first.store(receipt("msg_1"));
  expect(first.byWorker).toBe(true);
  expect(answer).toEqual({ receipt: { id: expect.any(Number), status: "accepted" }, duplicate: false });
  // The worker hears how many requests the app is answering with each receipt.
  expect(told).toEqual([{ stored: answer, appInFlight: 3 }]);
  // A repeat of the webhook-id is the receipt stored the first time.
  const again = await viaWorker(server!.address).store(receipt("msg_1"));
  expect(again).toEqual({ receipt: answer.receipt, duplicate: true });
  expect(await stored()).toEqual([{ webhookId: "msg_1", receivedAt: now }]);
  expect(failures).toEqual([]);
});

it("without the worker's token nothing is stored by it, and the app stores the receipt itself", async () => {
  const wrong = viaWorker(server!.address, "not-the-token");
  const answer = await wrong.store(receipt("msg_2"));
  expect(wrong.byWorker).toBe(false);
  expect(String(failures.pop())).toContain("answered 401");
  expect(told).toEqual([]);
  expect(answer.duplicate).toBe(false);
  expect(await stored()).toEqual([{ webhookId: "msg_2", receivedAt: now }]);
});

it("a worker that is gone: the app stores the receipt itself, and a receipt the worker stored without answering is found, not stored twice", async () => {
  const address = server!.address;
  await viaWorker(address).store(receipt("msg_3"));
  await server!.close();
  server = null;
  const gone = viaWorker(address);
  // The worker stored msg_3 (its answer could have been lost); the app's insert finds it.
  const answer = await gone.store(receipt("msg_3"));
  expect(gone.byWorker).toBe(false);
  expect(failures).toHaveLength(1);
  expect(answer.duplicate).toBe(true);
  expect(await stored()).toEqual([{ webhookId: "msg_3", receivedAt: now }]);
});

it("refuses a body that is not a receipt with a 400 and stores nothing", async () => {
  const answer = await fetch(`${server!.address}/receipts`, {
    method: "POST",
    headers: { authorization: "Bearer the-token", "content-type": "application/json" },
    body: JSON.stringify({ connectionId: "1", webhookId: "" }),
  });
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { error: string }).error).toBe("invalid_receipt");
  const elsewhere = await fetch(`${server!.address}/other`, { method: "POST", headers: { authorization: "Bearer the-token" } });
  expect(elsewhere.status).toBe(404);
  expect(await stored()).toEqual([]);
  expect(told).toEqual([]);
});
