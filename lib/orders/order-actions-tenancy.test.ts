import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertEvents, deliveries, orders } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { NotFoundError } from "../errors";
import { processConnection } from "../retry/process-connection";
import { resendOrder, resendOrders } from "../retry/resend-order";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { DOWN, makeWorld, OK, scriptedSender } from "../testing/world";
import { editOrder } from "./edit-order";

const NOW = new Date("2026-11-26T12:00:00Z");
const LATER = new Date("2026-11-26T13:05:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

/** Sam works for one merchant; the other merchant has a failing order with an open alert. */
async function setUp() {
  const db = database.db;
  const own = await makeWorld(db, NOW);
  const other = await makeWorld(db, NOW);
  const mine = await own.addOrder();
  const theirs = await other.addOrder();
  await processConnection(
    { db, now: NOW, send: scriptedSender(() => DOWN).send, owner: "test" },
    { connectionId: other.wms.id, mode: "retry" },
  );
  const sam = await addUser(db, own.merchant.id, "Sam");
  const wms = scriptedSender(() => OK);
  const deps: Omit<CoreContext, "db" | "scope"> = {
    now: LATER,
    send: wms.send,
    actor: { type: "user", userId: sam.user.id },
    owner: "web:sam",
  };
  return { mine, theirs, sam, wms, deps };
}

/** Everything an action could change about an order. */
async function footprint(orderId: number) {
  const db = database.db;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const [delivery] = await db.select().from(deliveries).where(eq(deliveries.orderId, orderId));
  const events = await db.select().from(alertEvents);
  return { order, delivery, events: events.length };
}

const validEdit = {
  shipTo: { name: "Ada Lovelace", line1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
  shipMethodLabel: "Standard",
};

describe("a merchant user acting on another merchant's order", () => {
  it("Resend to WMS: not found, nothing sent, nothing changed", async () => {
    const { theirs, sam, wms, deps } = await setUp();
    const before = await footprint(theirs.order.id);
    await expect(resendOrder({ ...deps, db: database.db, scope: sam.scope }, { orderId: theirs.order.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(wms.requests).toHaveLength(0);
    expect(await footprint(theirs.order.id)).toEqual(before);
  });

  it("bulk Resend: the other merchant's id counts as not found, the own order is sent", async () => {
    const { mine, theirs, sam, wms, deps } = await setUp();
    const before = await footprint(theirs.order.id);
    const summary = await resendOrders({ ...deps, db: database.db, scope: sam.scope }, { orders: [mine.order.id, theirs.order.id] });
    expect(summary).toMatchObject({ sent: 1, failing: 0, notFound: 1 });
    expect(wms.requests.map((r) => (r.payload as { orderNumber: string }).orderNumber)).toEqual([mine.order.orderNumber]);
    expect(await footprint(theirs.order.id)).toEqual(before);
  });

  it("Save & resend: not found, the address is not changed and nothing is sent", async () => {
    const { theirs, sam, wms, deps } = await setUp();
    const before = await footprint(theirs.order.id);
    await expect(
      editOrder({ ...deps, db: database.db, scope: sam.scope }, { orderId: theirs.order.id, changes: validEdit }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(wms.requests).toHaveLength(0);
    expect(await footprint(theirs.order.id)).toEqual(before);
  });
});

describe("editOrder", () => {
  it("refuses to change an order that has shipped", async () => {
    const { mine, sam, wms, deps } = await setUp();
    await database.db.update(orders).set({ status: "shipped" }).where(eq(orders.id, mine.order.id));
    const before = await footprint(mine.order.id);
    await expect(
      editOrder({ ...deps, db: database.db, scope: sam.scope }, { orderId: mine.order.id, changes: validEdit }),
    ).rejects.toMatchObject({ name: "ChangedSinceError", reason: "shipped" });
    expect(wms.requests).toHaveLength(0);
    expect(await footprint(mine.order.id)).toEqual(before);
  });
});
