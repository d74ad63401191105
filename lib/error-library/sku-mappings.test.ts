import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connections, deliveries, orders } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import type { OutboundRequest } from "../connectors/send";
import type { CoreContext } from "../core/context";
import { processConnection } from "../retry/process-connection";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { makeWorld, scriptedSender } from "../testing/world";
import { listHeldSkus, retryOrdersHeldOnSku, saveSkuMapping } from "./save-sku-mapping";

const NOW = new Date("2026-11-26T12:00:00Z");
const LATER = new Date("2026-11-26T12:10:00Z");
const MISSING = "SKU-1";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

/** An Extensiv WMS that knows every SKU but SKU-1; three orders with SKU-1 are held at their first try. */
const linesOf = (request: OutboundRequest) => (request.payload as { lines: { sku: string; cartSku?: string }[] }).lines;
const wmsAnswer = (request: OutboundRequest): Outcome => {
  const lines = linesOf(request);
  return lines.some((l) => l.sku === MISSING)
    ? { kind: "rejected", status: 422, code: "sku_not_found", message: `Item SKU not found in customer item master. (SKU ${MISSING})` }
    : { kind: "success", status: 200 };
};

async function setUp() {
  const db = database.db;
  const world = await makeWorld(db, NOW);
  await db.update(connections).set({ platform: "Extensiv 3PL Warehouse Manager" }).where(eq(connections.id, world.wms.id));
  const held = [];
  for (let i = 0; i < 3; i++) held.push(await world.addOrder());
  const wms = scriptedSender(wmsAnswer);
  await processConnection({ db, now: NOW, send: wms.send, owner: "test" }, { connectionId: world.wms.id, mode: "retry" });
  const maya = await addUser(db, world.warehouse.id, "Maya", "admin");
  const sam = await addUser(db, world.merchant.id, "Sam", "admin");
  const ctx = (user: typeof maya): CoreContext => ({
    db,
    scope: user.scope,
    now: LATER,
    send: wms.send,
    owner: "web:test",
    actor: { type: "user", userId: user.user.id },
  });
  return { world, held, wms, maya, sam, ctx };
}

describe("SKU mappings: fix once, release all (docs/error-library.md#sku-mappings)", () => {
  it("groups the held orders by the SKU the WMS does not know", async () => {
    const { maya, ctx } = await setUp();
    expect(await listHeldSkus(ctx(maya))).toMatchObject([{ sku: MISSING, orders: 3, merchants: ["Test Merchant"] }]);
  });

  it("one mapping sends every held order once, with the WMS's SKU and a new payload version", async () => {
    const { maya, held, wms, ctx } = await setUp();
    const before = wms.requests.length;
    const { release } = await saveSkuMapping(ctx(maya), { cartSku: MISSING, wmsSku: "SKU-1-WMS" });
    expect(release).toMatchObject({ sent: 3, failing: 0, held: 0, busy: 0 });
    const sent = wms.requests.slice(before);
    expect(sent).toHaveLength(3);
    expect(sent.map((r) => linesOf(r)[0])).toEqual(Array(3).fill({ sku: "SKU-1-WMS", cartSku: MISSING, quantity: 1 }));
    expect(sent.every((r) => r.idempotencyKey.endsWith(":v2"))).toBe(true);
    for (const { order } of held)
      expect((await database.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe("at_wms");
    expect(await listHeldSkus(ctx(maya))).toEqual([]);
  });

  it("R7: leaves an order a worker holds alone and says so", async () => {
    const { maya, held, ctx } = await setUp();
    await database.db
      .update(deliveries)
      .set({ leaseOwner: "worker-1", leaseExpiresAt: new Date(LATER.getTime() + 60_000) })
      .where(eq(deliveries.id, held[0]!.delivery.id));
    const { release } = await saveSkuMapping(ctx(maya), { cartSku: MISSING, wmsSku: "SKU-1-WMS" });
    expect(release).toMatchObject({ sent: 2, busy: 1 });
  });

  it("“I've added it in the WMS”: retries every held order as it is", async () => {
    const { maya, wms, ctx } = await setUp();
    const before = wms.requests.length;
    const release = await retryOrdersHeldOnSku(ctx(maya), { sku: MISSING });
    // The WMS still lacks it: each is tried once more and held again, not retried hourly.
    expect(release).toMatchObject({ sent: 0, held: 3 });
    expect(wms.requests.length - before).toBe(3);
  });

  it("T2: a merchant's admin cannot map SKUs, and nothing is saved or sent", async () => {
    const { sam, wms, ctx } = await setUp();
    const before = wms.requests.length;
    await expect(saveSkuMapping(ctx(sam), { cartSku: MISSING, wmsSku: "X" })).rejects.toMatchObject({ code: "forbidden" });
    expect(wms.requests.length).toBe(before);
  });

  it("refuses a malformed SKU with a message per field", async () => {
    const { maya, ctx } = await setUp();
    await expect(saveSkuMapping(ctx(maya), { cartSku: "", wmsSku: "a b" })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { cartSku: "Cart SKU is required.", wmsSku: "WMS SKU is a SKU: letters, digits and . _ - / only." },
    });
  });
});
