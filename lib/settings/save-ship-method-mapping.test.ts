import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { orders, shipMethodMappings } from "@/db/schema";
import { processConnection } from "../retry/process-connection";
import type { CoreContext } from "../core/context";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { alertsOf, eventsOf, makeWorld, OK, scriptedSender } from "../testing/world";
import { listUnmappedShipMethods } from "./list-unmapped-ship-methods";
import { saveShipMethodMapping } from "./save-ship-method-mapping";

const NOW = new Date("2026-11-26T12:00:00Z");
const LATER = new Date("2026-11-26T13:05:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

/** A warehouse whose merchant has three orders held on 'Free Shipping' and one on a mapped label, plus a second warehouse. */
async function setUp() {
  const db = database.db;
  const world = await makeWorld(db, NOW);
  const other = await makeWorld(db, NOW);
  const held = [];
  for (let i = 0; i < 3; i++) held.push(await world.addOrder({ shipMethodLabel: "Free Shipping" }));
  const mapped = await world.addOrder();
  const elsewhere = await other.addOrder({ shipMethodLabel: "Free Shipping" });
  // The engine's first pass holds every order on an unmapped label without calling the WMS.
  const engine = scriptedSender(() => OK);
  for (const w of [world, other])
    await processConnection({ db, now: NOW, send: engine.send, owner: "test" }, { connectionId: w.wms.id, mode: "retry" });
  const maya = await addUser(db, world.warehouse.id, "Maya", "admin");
  const sam = await addUser(db, world.merchant.id, "Sam");
  return { world, other, held, mapped, elsewhere, maya, sam };
}

const deps = (userId: string, send = scriptedSender(() => OK).send): Omit<CoreContext, "db" | "scope"> => ({
  now: LATER,
  send,
  actor: { type: "user", userId },
  owner: `web:${userId}`,
});
const statusOf = async (id: number) =>
  (await database.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.status;
const input = { cartLabel: "Free Shipping", carrier: "USPS", serviceCode: "usps_ground_advantage" };

describe("listUnmappedShipMethods", () => {
  it("lists the labels holding orders, with how many, for the caller's merchants only", async () => {
    const { world, maya, sam } = await setUp();
    expect(await listUnmappedShipMethods(database.db, maya.scope)).toEqual([
      { cartLabel: "Free Shipping", warehouseId: world.warehouse.id, heldOrders: 3, merchants: ["Test Merchant"], heldSince: NOW },
    ]);
    expect(await listUnmappedShipMethods(database.db, sam.scope)).toHaveLength(1);
  });
});

describe("saveShipMethodMapping", () => {
  it("maps the label and releases every order held on it, each alert resolved with who did it", async () => {
    const { world, held, mapped, elsewhere, maya } = await setUp();
    const wms = scriptedSender(() => OK);
    const saved = await saveShipMethodMapping({ ...deps(maya.user.id, wms.send), db: database.db, scope: maya.scope }, input);

    expect(saved).toMatchObject({
      created: true,
      mapping: { warehouseId: world.warehouse.id, ...input },
      release: { sent: 3, failing: 0, held: 0 },
    });
    expect(wms.requests).toHaveLength(3);
    expect(wms.requests[0]!.payload).toMatchObject({
      shipMethod: { label: "Free Shipping", carrier: "USPS", serviceCode: "usps_ground_advantage" },
    });
    for (const { order, delivery } of held) {
      expect(await statusOf(order.id)).toBe("at_wms");
      const [alert] = await alertsOf(database.db, delivery.id);
      expect(alert).toMatchObject({ kind: "ship_method_unmapped", state: "resolved", resolvedAt: LATER });
      const events = await eventsOf(database.db, alert!.id);
      expect(events.slice(-2)).toMatchObject([
        {
          type: "resent",
          actorUserId: maya.user.id,
          detail: "Ship method 'Free Shipping' mapped to USPS usps_ground_advantage; sent at once.",
        },
        { type: "resolved", actorUserId: maya.user.id },
      ]);
    }
    // Only the held orders are sent: the one already at the WMS is left alone.
    const sentNumbers = wms.requests.map((r) => (r.payload as { orderNumber: string }).orderNumber);
    expect(sentNumbers).toEqual(held.map((h) => h.order.orderNumber));
    expect(sentNumbers).not.toContain(mapped.order.orderNumber);
    // The other warehouse's merchant uses the same words but is not this warehouse's to release.
    expect(await statusOf(elsewhere.order.id)).toBe("held");
    expect(await listUnmappedShipMethods(database.db, maya.scope)).toEqual([]);
  });

  it("changes an existing mapping in place", async () => {
    const { world, maya } = await setUp();
    const saved = await saveShipMethodMapping(
      { ...deps(maya.user.id), db: database.db, scope: maya.scope },
      { cartLabel: " Standard ", carrier: "UPS", serviceCode: "ups_ground" },
    );
    expect(saved).toMatchObject({ created: false, release: { sent: 0 } });
    const rows = await database.db.select().from(shipMethodMappings).where(eq(shipMethodMappings.warehouseId, world.warehouse.id));
    expect(rows).toMatchObject([{ cartLabel: "Standard", carrier: "UPS", serviceCode: "ups_ground", updatedAt: LATER }]);
  });

  it("says which field is wrong and changes nothing", async () => {
    const { held, maya } = await setUp();
    const attempt = saveShipMethodMapping(
      { ...deps(maya.user.id), db: database.db, scope: maya.scope },
      { cartLabel: "Free Shipping", carrier: "", serviceCode: "usps ground" },
    );
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      fields: { carrier: "Carrier is required.", serviceCode: expect.stringContaining("letters, digits") },
    });
    expect(await database.db.select().from(shipMethodMappings).where(eq(shipMethodMappings.cartLabel, "Free Shipping"))).toEqual([]);
    expect(await statusOf(held[0]!.order.id)).toBe("held");
  });

  it("refuses a merchant user: the warehouse's mappings are read-only to them, and nothing changes", async () => {
    const { held, sam } = await setUp();
    const wms = scriptedSender(() => OK);
    await expect(saveShipMethodMapping({ ...deps(sam.user.id, wms.send), db: database.db, scope: sam.scope }, input)).rejects.toMatchObject(
      { name: "ForbiddenError" },
    );
    expect(await database.db.select().from(shipMethodMappings).where(eq(shipMethodMappings.cartLabel, "Free Shipping"))).toEqual([]);
    expect(wms.requests).toHaveLength(0);
    expect(await statusOf(held[0]!.order.id)).toBe("held");
  });

  it("treats another warehouse's id as not found, and changes nothing there", async () => {
    const { other, elsewhere, maya } = await setUp();
    const attempt = saveShipMethodMapping(
      { ...deps(maya.user.id), db: database.db, scope: maya.scope },
      { ...input, warehouseId: other.warehouse.id },
    );
    await expect(attempt).rejects.toMatchObject({ name: "NotFoundError", message: "Warehouse not found" });
    expect(await database.db.select().from(shipMethodMappings).where(eq(shipMethodMappings.cartLabel, "Free Shipping"))).toEqual([]);
    expect(await statusOf(elsewhere.order.id)).toBe("held");
  });
});
