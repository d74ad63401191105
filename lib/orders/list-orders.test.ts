import { and, eq, inArray, type SQL } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveries, orders, type OrderStatus } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { makeWorld } from "../testing/world";
import { findResendableOrderIds } from "./find-order-ids";
import { countOrdersByStatus, listOrders } from "./list-orders";
import { OrderFilter, matchesSearch, matchesSearchByReading } from "./order-filter";

const NOW = new Date("2026-11-26T12:00:00Z");
const DAY = 86_400_000;

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

/** Two warehouses with a merchant each; the first merchant's orders have telling numbers, SKUs and statuses. */
async function setUp() {
  const db = database.db;
  const a = await makeWorld(db, NOW);
  const b = await makeWorld(db, NOW);
  const add = async (world: typeof a, orderNumber: string, status: OrderStatus, skus: string[], label = "Standard") => {
    const { order } = await world.addOrder({ shipMethodLabel: label });
    await db
      .update(orders)
      .set({ orderNumber, status, lines: skus.map((sku) => ({ sku, quantity: 1 })) })
      .where(eq(orders.id, order.id));
    return order.id;
  };
  const ids = {
    held: await add(a, "#AO10400", "held", ["AO-MUG-STN-12"], "Free Shipping"),
    error: await add(a, "#AO10401", "error", ["AO-THROW-LIN-GRY", "AO-MUG-STN-12"]),
    shipped: await add(a, "#AO10412", "shipped", ["AO-CNDL-CED-8"]),
    skipped: await add(a, "#AO10413", "skipped", ["AO_PCT%"]),
    other: await add(b, "BT-10400", "error", ["BT-STOVE-TI"]),
  };
  const giveUp = new Date(NOW.getTime() - 2 * DAY);
  await db
    .update(deliveries)
    .set({ status: "skipped", lastError: "503 Service Unavailable", giveUpAt: giveUp })
    .where(eq(deliveries.orderId, ids.skipped));
  const warehouseUser = await addUser(db, a.warehouse.id, "Maya");
  const merchantUser = await addUser(db, a.merchant.id, "Sam");
  return { a, b, ids, giveUp, warehouseUser, merchantUser };
}

const numbers = (rows: { orderNumber: string }[]) => rows.map((r) => r.orderNumber).sort();

describe("listOrders", () => {
  it("searches part of the order number or of a line's SKU, case-insensitively", async () => {
    const { merchantUser } = await setUp();
    const list = (q: string) => listOrders(database.db, merchantUser.scope, { q }).then((r) => numbers(r.rows));
    expect(await list("1040")).toEqual(["#AO10400", "#AO10401"]);
    expect(await list("#ao1041")).toEqual(["#AO10412", "#AO10413"]);
    expect(await list("mug-stn")).toEqual(["#AO10400", "#AO10401"]);
    expect(await list("CNDL")).toEqual(["#AO10412"]);
    // % and _ are searched for as themselves, not as wildcards.
    expect(await list("_PCT%")).toEqual(["#AO10413"]);
    expect(await list("%")).toEqual(["#AO10413"]);
    expect(await list("nothing-like-this")).toEqual([]);
  });

  it("filters by status, merchant and ship method, and combines them with the search", async () => {
    const { a, b, warehouseUser } = await setUp();
    const list = (filter: OrderFilter) => listOrders(database.db, warehouseUser.scope, filter).then((r) => numbers(r.rows));
    expect(await list({ status: "error" })).toEqual(["#AO10401"]);
    expect(await list({ merchantId: a.merchant.id, q: "10400" })).toEqual(["#AO10400"]);
    expect(await list({ method: "Free Shipping" })).toEqual(["#AO10400"]);
    expect(await list({ status: "held", q: "10401" })).toEqual([]);
    // The warehouse user's scope is its own warehouse's merchants: the other warehouse's merchant matches nothing.
    expect(await list({ merchantId: b.merchant.id })).toEqual([]);
  });

  it("never shows another tenant's orders, whatever the filter names", async () => {
    const { b, merchantUser } = await setUp();
    expect((await listOrders(database.db, merchantUser.scope, { merchantId: b.merchant.id })).rows).toEqual([]);
    expect((await listOrders(database.db, merchantUser.scope, { q: "BT-" })).rows).toEqual([]);
    expect(await countOrdersByStatus(database.db, merchantUser.scope, { merchantId: b.merchant.id })).toEqual({});
  });

  it("gives a skipped order's reason and the day it was given up on", async () => {
    const { ids, giveUp, merchantUser } = await setUp();
    const { rows } = await listOrders(database.db, merchantUser.scope, { status: "skipped" });
    expect(rows).toMatchObject([{ id: ids.skipped, lastError: "503 Service Unavailable", skippedAt: giveUp }]);
  });

  it("pages newest first on the id, keeping the filter", async () => {
    const { merchantUser } = await setUp();
    const first = await listOrders(database.db, merchantUser.scope, { q: "AO", limit: 3 });
    expect(numbers(first.rows)).toEqual(["#AO10401", "#AO10412", "#AO10413"]);
    const second = await listOrders(database.db, merchantUser.scope, { q: "AO", limit: 3, beforeId: first.nextBeforeId! });
    expect(numbers(second.rows)).toEqual(["#AO10400"]);
    expect(second.nextBeforeId).toBeNull();
  });

  it("counts each status under the other filters", async () => {
    const { merchantUser } = await setUp();
    expect(await countOrdersByStatus(database.db, merchantUser.scope)).toEqual({ held: 1, error: 1, shipped: 1, skipped: 1 });
    expect(await countOrdersByStatus(database.db, merchantUser.scope, { q: "mug" })).toEqual({ held: 1, error: 1 });
  });
});

describe("OrderFilter", () => {
  it("reads a URL's values and drops the ones it cannot read", () => {
    expect(OrderFilter.parse({ status: "held", merchantId: "7", q: "  AO104 ", method: "" })).toEqual({
      status: "held",
      merchantId: 7,
      q: "AO104",
    });
    expect(OrderFilter.parse({ status: "lost", merchantId: "x", q: "" })).toEqual({});
  });
});

describe("findResendableOrderIds", () => {
  it("resolves the whole filtered set to the orders that may be resent, newest first", async () => {
    const { ids, warehouseUser } = await setUp();
    const all = await findResendableOrderIds(database.db, warehouseUser.scope, {});
    expect(all).toEqual({ orders: [ids.skipped, ids.error, ids.held].map((id) => ({ id, version: 1 })), truncated: false });
    expect((await findResendableOrderIds(database.db, warehouseUser.scope, { q: "mug" })).orders.map((o) => o.id)).toEqual([
      ids.error,
      ids.held,
    ]);
    expect(await findResendableOrderIds(database.db, warehouseUser.scope, {}, 2)).toEqual({
      orders: [ids.skipped, ids.error].map((id) => ({ id, version: 1 })),
      truncated: true,
    });
  });

  it("never includes another tenant's orders, whatever the filter names", async () => {
    const { b, ids, merchantUser } = await setUp();
    expect((await findResendableOrderIds(database.db, merchantUser.scope, { merchantId: b.merchant.id })).orders).toEqual([]);
    expect((await findResendableOrderIds(database.db, merchantUser.scope, { q: "BT" })).orders).toEqual([]);
    expect((await findResendableOrderIds(database.db, merchantUser.scope, {})).orders.map((o) => o.id)).not.toContain(ids.other);
  });
});

describe("the order search index", () => {
  it("finds exactly what reading every order finds, and follows edits and deletions", async () => {
    const { a, b, ids } = await setUp();
    const db = database.db;
    const { order: quoted } = await a.addOrder();
    await db
      .update(orders)
      .set({
        orderNumber: 'AO-"Q"-7',
        lines: [
          { sku: "Größe-XL", quantity: 1 },
          { sku: "AB", quantity: 2 },
        ],
      })
      .where(eq(orders.id, quoted.id));
    const scope = [a.merchant.id, b.merchant.id];
    const found = async (condition: SQL) =>
      (
        await db
          .select({ id: orders.id })
          .from(orders)
          .where(and(inArray(orders.accountId, scope), condition))
      )
        .map((r) => r.id)
        .sort();
    const searches = ["10400", "#ao104", "mug-stn-12", "STN", "_PCT%", 'AO-"Q"', "größe", "e-X", "THROW-LIN", "12\nAO", "zzz", "AO", "B"];
    for (const q of searches) {
      const expected = await found(matchesSearchByReading(q));
      expect(await found(matchesSearch(q)), q).toEqual(expected);
    }
    expect(await found(matchesSearch("mug-stn-12"))).toEqual([ids.held, ids.error].sort());

    // An edited SKU is found by its new value only; the order number and SKUs never run into each other.
    await db
      .update(orders)
      .set({ lines: [{ sku: "AO-LAMP-BRS", quantity: 1 }] })
      .where(eq(orders.id, ids.held));
    expect(await found(matchesSearch("LAMP-BRS"))).toEqual([ids.held]);
    expect(await found(matchesSearch("mug-stn"))).toEqual([ids.error]);
    expect(await found(matchesSearch("10400\nAO"))).toEqual([]);
    expect(await found(matchesSearch("400AO-"))).toEqual([]);
    expect(await found(matchesSearch("0400A"))).toEqual([]);
    // Control characters cannot be quoted in FTS5's syntax: such a search is read, and finds nothing here.
    expect(await found(matchesSearch("AO1\u0000"))).toEqual(await found(matchesSearchByReading("AO1\u0000")));
    // Beyond ASCII the index ignores case too, where reading (SQLite's LIKE) does not.
    expect(await found(matchesSearch("GRÖSSE"))).toEqual([]);
    expect(await found(matchesSearch("GRÖßE-xl"))).toEqual([quoted.id]);
    // A status change leaves the index as it is; a deleted order leaves it.
    await db.update(orders).set({ status: "at_wms" }).where(eq(orders.id, ids.error));
    expect(await found(matchesSearch("THROW"))).toEqual([ids.error]);
    await db.delete(deliveries).where(eq(deliveries.orderId, ids.other));
    await db.delete(orders).where(eq(orders.id, ids.other));
    expect(await database.client.execute("SELECT rowid FROM orders_search WHERE orders_search MATCH '\"STOVE\"'")).toHaveProperty(
      "rows.length",
      0,
    );
  });
});
