import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { connections, deliveries, webhookReceipts, webhookWorkers } from "@/db/schema";
import { createTestFileDatabase, type TestFileDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { liveWorker } from "./receipt-worker";
import { storeThroughWorkerOrHere } from "./worker-store";

// `npm run worker` as it runs beside the app: a process of its own on the same database file.
const now = new Date();
let database: TestFileDatabase;
let wms: http.Server;
const received: string[] = [];
let child: ChildProcess | null = null;

beforeEach(async () => {
  database = await createTestFileDatabase();
  received.length = 0;
  wms = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push((JSON.parse(body) as { orderNumber: string }).orderNumber);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => wms.listen(0, "127.0.0.1", resolve));
});
afterEach(async () => {
  child?.kill("SIGKILL");
  child = null;
  await new Promise<void>((resolve) => wms.close(() => resolve()));
  await database.cleanup();
});

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it("stores what the app hands it, sends the order to the WMS, and on SIGTERM removes its heartbeat and exits 0", async () => {
  const world = await makeWorld(database.db, now);
  const { port } = wms.address() as AddressInfo;
  await database.db
    .update(connections)
    .set({ endpointUrl: `http://127.0.0.1:${port}/wms` })
    .where(eq(connections.id, world.wms.id));

  child = spawn(process.execPath, ["--import", "tsx", "scripts/webhook-worker.ts", "--concurrency", "2"], {
    env: { ...process.env, DATABASE_URL: `file:${database.path}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));

  await until(async () => (await liveWorker(database.db, new Date())) !== null, "the worker's first beat");
  const worker = (await liveWorker(database.db, new Date()))!;
  const failures: unknown[] = [];
  const via = storeThroughWorkerOrHere(database.db, worker, { appInFlight: () => 1, onUnreachable: (error) => failures.push(error) });
  const data = {
    orderNumber: "#PROC1",
    shipTo: { name: "Grace Liu", line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" },
    shipMethodLabel: "Standard",
    lines: [{ sku: "SKU-1", quantity: 1 }],
  };
  const stored = await via.store({
    connectionId: world.cart.id,
    webhookId: "msg_proc_1",
    eventType: "order.upserted",
    payload: { type: "order.upserted", data },
    receivedAt: new Date(),
  });
  expect(failures).toEqual([]);
  expect(via.byWorker).toBe(true);

  await until(() => received.length === 1, "the order at the WMS");
  expect(received).toEqual(["#PROC1"]);
  await until(async () => {
    const [delivery] = await database.db.select({ status: deliveries.status }).from(deliveries);
    return delivery?.status === "succeeded";
  }, "the WMS's answer recorded");
  const [receipt] = await database.db.select().from(webhookReceipts).where(eq(webhookReceipts.id, stored.receipt.id));
  expect(receipt!.status).toBe("processed");

  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(output).toContain("stopped after applying 1 event(s)");
  expect(await database.db.select().from(webhookWorkers)).toEqual([]);
  // Gone: the app stores receipts itself again.
  const after = storeThroughWorkerOrHere(database.db, worker, { appInFlight: () => 0, onUnreachable: (error) => failures.push(error) });
  await after.store({
    connectionId: world.cart.id,
    webhookId: "msg_proc_2",
    eventType: "order.upserted",
    payload: { type: "order.upserted", data },
    receivedAt: new Date(),
  });
  expect(after.byWorker).toBe(false);
  expect(failures).toHaveLength(1);
}, 40_000);
