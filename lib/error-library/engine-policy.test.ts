import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alerts, connections, deliveries, errorRules, orders } from "@/db/schema";
import { retryOrders } from "@/jobs/retry-orders";
import { runJobOnce, type JobContext } from "@/jobs/types";
import type { Send } from "../connectors/send";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { alertsOf, eventsOf, makeWorld, scriptedSender } from "../testing/world";

const HOUR = 3_600_000;
const t0 = new Date("2026-11-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

const ctx = (now: Date, send: Send): JobContext => ({ db: database.db, now, send, owner: "test-worker", log: () => {} });
const SKU_MISSING = {
  kind: "rejected" as const,
  status: 422,
  code: "sku_not_found",
  message: "Item SKU not found in customer item master. (SKU SKU-1)",
};

async function extensivWorld() {
  const world = await makeWorld(database.db, t0);
  await database.db.update(connections).set({ platform: "Extensiv 3PL Warehouse Manager" }).where(eq(connections.id, world.wms.id));
  return world;
}

describe("R6: the library's policy decides first", () => {
  it("an order whose SKU is not in the WMS item master is tried once and held, not retried hourly for 15 days", async () => {
    const world = await extensivWorld();
    const { order: o, delivery: d } = await world.addOrder();
    const wms = scriptedSender(() => SKU_MISSING);
    for (let hour = 0; hour <= 15 * 24 + 2; hour++) await runJobOnce(retryOrders, ctx(at(hour * HOUR), wms.send));

    expect(wms.requests).toHaveLength(1);
    const [record] = await database.db.select().from(deliveries).where(eq(deliveries.id, d.id));
    expect(record).toMatchObject({ status: "held", attempts: 1, nextAttemptAt: null, giveUpAt: null });
    expect((await database.db.select().from(orders).where(eq(orders.id, o.id)))[0]!.status).toBe("held");
    const [alert] = await alertsOf(database.db, d.id);
    expect(alert).toMatchObject({ kind: "order_send_failed", needsPerson: true, occurrences: 1, message: SKU_MISSING.message });
    const [raised] = await eventsOf(database.db, alert!.id);
    expect(raised!.detail).toContain("SKU SKU-1 is not in the WMS item master (error library: extensiv.sku_not_in_item_master)");
  }, 60_000);

  it("without a match, today's classification stands: another 4xx is retried on the cadence", async () => {
    const world = await extensivWorld();
    const { delivery: d } = await world.addOrder();
    const wms = scriptedSender(() => ({ kind: "rejected", status: 418, code: null, message: "I'm a teapot" }));
    for (let hour = 0; hour <= 3; hour++) await runJobOnce(retryOrders, ctx(at(hour * HOUR), wms.send));
    expect(wms.requests).toHaveLength(4);
    expect((await database.db.select().from(deliveries).where(eq(deliveries.id, d.id)))[0]!.status).toBe("retrying");
  });

  it("a warehouse rule over the built-in entry: a rule saying the SKU error is retryable keeps it on the cadence", async () => {
    const world = await extensivWorld();
    await database.db.insert(errorRules).values({
      warehouseId: world.warehouse.id,
      messageContains: "item master",
      treatAs: "retryable",
      createdAt: t0,
      updatedAt: t0,
    });
    const { delivery: d } = await world.addOrder();
    const wms = scriptedSender(() => SKU_MISSING);
    for (let hour = 0; hour <= 2; hour++) await runJobOnce(retryOrders, ctx(at(hour * HOUR), wms.send));
    expect(wms.requests).toHaveLength(3);
    expect((await database.db.select().from(deliveries).where(eq(deliveries.id, d.id)))[0]!.status).toBe("retrying");
  });

  it("a refused credential is the connection's problem: down after one answer, one connection_down alert", async () => {
    const world = await extensivWorld();
    await world.addOrder();
    await world.addOrder();
    const wms = scriptedSender(() => ({
      kind: "rejected",
      status: 401,
      code: null,
      message: "Authorization has been denied for this request.",
    }));
    await runJobOnce(retryOrders, ctx(at(0), wms.send));
    const [conn] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(conn!.downSince).toEqual(at(0));
    const down = await database.db.select().from(alerts).where(eq(alerts.kind, "connection_down"));
    expect(down).toHaveLength(1);
    expect(down[0]!.message).toContain("refuses every record");
  });
});
