import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { connections, deliveries, orders } from "@/db/schema";
import { httpSender } from "../connectors/send";
import { createSandboxServer, type SandboxServer } from "../sandbox/server";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { claimDueDeliveries } from "./claim";
import { DEFAULT_RETRY_SETTINGS } from "./policy";
import { processConnection } from "./process-connection";

const t0 = new Date("2026-11-01T00:00:00Z");
let database: TestDatabase;
let sandbox: SandboxServer;
let wmsUrl: string;

beforeEach(async () => {
  database = await createTestDatabase();
  sandbox = createSandboxServer({ slugs: ["test"], flakyRate: 0 });
  wmsUrl = `${(await sandbox.listen(0)).url}/test/wms`;
});
afterEach(async () => {
  await sandbox.close();
  await database.cleanup();
});

/** `count` due orders, inserted in bulk, all bound for the sandbox WMS. */
async function dueOrders(count: number) {
  const world = await makeWorld(database.db, t0);
  await database.db.update(connections).set({ endpointUrl: wmsUrl }).where(eq(connections.id, world.wms.id));
  const { order } = await world.addOrder();
  const template = { ...order, id: undefined };
  for (let start = 1; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({ ...template, orderNumber: `#C${start + i}` }));
    const inserted = await database.db.insert(orders).values(rows).returning({ id: orders.id });
    await database.db.insert(deliveries).values(
      inserted.map((o) => ({
        accountId: world.merchant.id,
        connectionId: world.wms.id,
        kind: "order_to_wms" as const,
        orderId: o.id,
        payload: {},
        status: "pending" as const,
        nextAttemptAt: t0,
        createdAt: t0,
        updatedAt: t0,
      })),
    );
  }
  return world;
}

it("two engines claiming the same 2,000 due orders send each exactly once and lose none", async () => {
  const world = await dueOrders(2000);
  // A second client on the same database: another worker process, as far as the database can tell.
  const other = openDatabase(database.url);
  const send = httpSender();
  const [a, b] = await Promise.all([
    processConnection({ db: database.db, now: t0, send, owner: "engine-a" }, { connectionId: world.wms.id, mode: "retry" }),
    processConnection({ db: other.db, now: t0, send, owner: "engine-b" }, { connectionId: world.wms.id, mode: "retry" }),
  ]);
  other.client.close();

  const wms = sandbox.state.targets["test/wms"]!;
  const keys = Object.entries(wms.keys);
  expect(keys).toHaveLength(2000);
  expect(keys.filter(([, n]) => n !== 1)).toEqual([]);
  expect(wms.received).toBe(2000);
  expect(a.succeeded + b.succeeded).toBe(2000);
  // Both engines took part: the claims really raced.
  expect(a.succeeded).toBeGreaterThan(0);
  expect(b.succeeded).toBeGreaterThan(0);
  const records = await database.db.select({ status: deliveries.status, lease: deliveries.leaseOwner }).from(deliveries);
  expect(records.filter((r) => r.status !== "succeeded" || r.lease !== null)).toEqual([]);
}, 120_000);

it("a worker that dies holding a lease has its records attempted again after the lease expires", async () => {
  const world = await dueOrders(40);
  const lease = DEFAULT_RETRY_SETTINGS.leaseMs;
  const claimed = await claimDueDeliveries(
    database.db,
    { connectionId: world.wms.id, kinds: ["order_to_wms"], statuses: ["pending", "retrying"] },
    { now: t0, leaseNow: t0, leaseMs: lease, owner: "crashed-worker", limit: 15 },
  );
  expect(claimed).toHaveLength(15);
  // …and the worker dies here, sending nothing.
  const send = httpSender();
  const wms = () => sandbox.state.targets["test/wms"]!;

  const before = new Date(t0.getTime() + lease - 1000);
  const early = await processConnection(
    { db: database.db, now: before, send, owner: "survivor" },
    { connectionId: world.wms.id, mode: "retry", clock: () => before },
  );
  expect(early.succeeded).toBe(25);
  expect(wms().received).toBe(25);

  const after = new Date(t0.getTime() + lease + 1000);
  const late = await processConnection(
    { db: database.db, now: after, send, owner: "survivor" },
    { connectionId: world.wms.id, mode: "retry", clock: () => after },
  );
  expect(late.succeeded).toBe(15);
  expect(Object.keys(wms().keys)).toHaveLength(40);
  expect(Object.values(wms().keys).every((n) => n === 1)).toBe(true);
});
