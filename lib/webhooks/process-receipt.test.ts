import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alerts, deliveries, orders, webhookReceipts } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import type { OutboundRequest } from "../connectors/send";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { OK, eventsOf, makeWorld, scriptedSender } from "../testing/world";
import { processReceipt } from "./process-receipt";

const now = new Date("2026-11-26T14:05:00Z");
const shipTo = { name: "Grace Liu", line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" };
const orderData = { orderNumber: "#WH1001", shipTo, shipMethodLabel: "Standard", lines: [{ sku: "SKU-1", quantity: 2 }] };

let database: TestDatabase;
let world: Awaited<ReturnType<typeof makeWorld>>;
let sender: ReturnType<typeof scriptedSender>;
let answer: (request: OutboundRequest) => Outcome;

beforeEach(async () => {
  database = await createTestDatabase();
  world = await makeWorld(database.db, now);
  answer = () => OK;
  sender = scriptedSender((request) => answer(request));
});
afterEach(async () => {
  await database.cleanup();
});

let seq = 0;
/** Stores an event as the endpoint would have, from `connectionId`, and processes it. */
async function deliver(connectionId: number, type: string, data: unknown, at = now) {
  const [receipt] = await database.db
    .insert(webhookReceipts)
    .values({ connectionId, webhookId: `msg_${++seq}`, eventType: type, payload: { type, data }, receivedAt: at })
    .returning();
  const outcome = await processReceipt({ db: database.db, now: at, send: sender.send, owner: "test" }, receipt!.id);
  const [stored] = await database.db.select().from(webhookReceipts).where(eq(webhookReceipts.id, receipt!.id));
  return { outcome, receipt: stored! };
}

const orderByNumber = async (orderNumber: string, accountId = world.merchant.id) =>
  (
    await database.db
      .select()
      .from(orders)
      .where(and(eq(orders.accountId, accountId), eq(orders.orderNumber, orderNumber)))
  )[0];
const deliveriesOf = (orderId: number) =>
  database.db.select().from(deliveries).where(eq(deliveries.orderId, orderId)).orderBy(deliveries.id);

describe("order.upserted", () => {
  it("creates the order and sends it to the merchant's WMS at once", async () => {
    const { outcome, receipt } = await deliver(world.cart.id, "order.upserted", orderData);
    expect(outcome).toEqual({ status: "processed", sent: { attempted: 1, succeeded: 1, left: 0 } });
    expect(receipt).toMatchObject({ status: "processed", processedAt: now, error: null });
    const order = (await orderByNumber("#WH1001"))!;
    expect(order).toMatchObject({
      status: "at_wms",
      cartConnectionId: world.cart.id,
      shipTo: { ...shipTo },
      lines: orderData.lines,
      payloadVersion: 1,
    });
    expect(await deliveriesOf(order.id)).toEqual([
      expect.objectContaining({ kind: "order_to_wms", connectionId: world.wms.id, status: "succeeded", attempts: 1 }),
    ]);
    expect(sender.requests).toEqual([
      expect.objectContaining({
        path: "/orders",
        idempotencyKey: expect.stringMatching(/:v1$/),
        payload: expect.objectContaining({ orderNumber: "#WH1001" }),
      }),
    ]);
  });

  it("is applied once when two processes pick up the same receipt", async () => {
    const [receipt] = await database.db
      .insert(webhookReceipts)
      .values({
        connectionId: world.cart.id,
        webhookId: "msg_race",
        eventType: "order.upserted",
        payload: { type: "order.upserted", data: orderData },
        receivedAt: now,
      })
      .returning();
    const deps = { now, send: sender.send, owner: "a" };
    const outcomes = await Promise.all([
      processReceipt({ ...deps, db: database.db }, receipt!.id),
      processReceipt({ db: database.db, ...deps, owner: "b" }, receipt!.id),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["processed", "skipped"]);
    expect(await database.db.select().from(orders).where(eq(orders.orderNumber, "#WH1001"))).toHaveLength(1);
    expect(sender.requests).toHaveLength(1);
  });

  it("sent again unchanged changes nothing and sends nothing", async () => {
    await deliver(world.cart.id, "order.upserted", orderData);
    const { outcome } = await deliver(world.cart.id, "order.upserted", { ...orderData, shipTo: { ...shipTo } });
    expect(outcome).toEqual({ status: "processed", sent: { attempted: 0, succeeded: 0, left: 0 } });
    expect(sender.requests).toHaveLength(1);
  });

  it("a change to a held order is a fix: resent at once as a new payload version (R3, R5)", async () => {
    await deliver(world.cart.id, "order.upserted", { ...orderData, shipMethodLabel: "Free Shipping" });
    const held = (await orderByNumber("#WH1001"))!;
    expect(held.status).toBe("held");
    const [alert] = await database.db.select().from(alerts).where(eq(alerts.orderId, held.id));
    expect(alert).toMatchObject({ kind: "ship_method_unmapped", state: "open" });

    const { outcome } = await deliver(world.cart.id, "order.upserted", orderData);
    expect(outcome).toMatchObject({ status: "processed", sent: { attempted: 1, succeeded: 1 } });
    expect(await orderByNumber("#WH1001")).toMatchObject({ status: "at_wms", shipMethodLabel: "Standard", payloadVersion: 2 });
    expect(sender.requests.map((r) => r.idempotencyKey)).toEqual([expect.stringMatching(/:v2$/)]);
    const history = await eventsOf(database.db, alert!.id);
    expect(history.map((e) => e.type)).toEqual(["raised", "edited", "resent", "resolved"]);
    expect(history[1]!.detail).toBe("Test Cart sent a change: ship method 'Free Shipping' → 'Standard'.");
  });

  it("a change to a failed order is resent at once, with a fresh retry window", async () => {
    answer = () => ({ kind: "transient", status: 503, code: null, message: "busy", retryAfterMs: null });
    await deliver(world.cart.id, "order.upserted", orderData);
    expect((await orderByNumber("#WH1001"))!.status).toBe("error");
    answer = () => OK;
    await deliver(world.cart.id, "order.upserted", { ...orderData, lines: [{ sku: "SKU-1", quantity: 3 }] });
    const order = (await orderByNumber("#WH1001"))!;
    expect(order).toMatchObject({ status: "at_wms", payloadVersion: 2 });
    expect((await deliveriesOf(order.id))[0]).toMatchObject({ status: "succeeded", firstFailureAt: null, giveUpAt: null });
  });

  it("a change to an order already at the WMS is refused, saying why, and changes nothing", async () => {
    await deliver(world.cart.id, "order.upserted", orderData);
    const { outcome, receipt } = await deliver(world.cart.id, "order.upserted", { ...orderData, shipMethodLabel: "Overnight" });
    expect(outcome.status).toBe("failed");
    expect(receipt.error).toBe(
      "Order #WH1001 has already reached the WMS (status at_wms); later changes are not sent automatically. Change it in the WMS.",
    );
    expect(await orderByNumber("#WH1001")).toMatchObject({ shipMethodLabel: "Standard", payloadVersion: 1 });
  });

  it("a change while the order is being sent waits, still accepted, for that send to finish", async () => {
    await deliver(world.cart.id, "order.upserted", { ...orderData, shipMethodLabel: "Free Shipping" });
    const order = (await orderByNumber("#WH1001"))!;
    await database.db
      .update(deliveries)
      .set({ leaseOwner: "worker", leaseExpiresAt: new Date(now.getTime() + 60_000) })
      .where(eq(deliveries.orderId, order.id));
    const { outcome, receipt } = await deliver(world.cart.id, "order.upserted", orderData);
    expect(outcome.status).toBe("later");
    expect(receipt).toMatchObject({
      status: "accepted",
      error: "Order #WH1001 is being sent right now; the change is applied once that send is done.",
    });
    expect(await orderByNumber("#WH1001")).toMatchObject({ shipMethodLabel: "Free Shipping", payloadVersion: 1 });
  });
});

describe("a passing fault", () => {
  it("leaves the event accepted, saying why, and a later try applies it", async () => {
    const [receipt] = await database.db
      .insert(webhookReceipts)
      .values({
        connectionId: world.cart.id,
        webhookId: "msg_fault",
        eventType: "order.upserted",
        payload: { type: "order.upserted", data: orderData },
        receivedAt: now,
      })
      .returning();
    // The database refuses transactions for a moment (e.g. a libSQL server that does not answer).
    const faulty = Object.assign(Object.create(database.db), {
      transaction: async () => Promise.reject(new Error("SERVER_ERROR: 503")),
    }) as typeof database.db;
    const quiet = console.error;
    console.error = () => {};
    const first = await processReceipt({ db: faulty, now, send: sender.send, owner: "test" }, receipt!.id).finally(
      () => (console.error = quiet),
    );
    expect(first.status).toBe("later");
    const [waiting] = await database.db.select().from(webhookReceipts).where(eq(webhookReceipts.id, receipt!.id));
    expect(waiting).toMatchObject({
      status: "accepted",
      error: "Processing failed on Fixline's side (logged); it is tried again every minute.",
    });
    expect(await orderByNumber("#WH1001")).toBeUndefined();

    expect((await processReceipt({ db: database.db, now, send: sender.send, owner: "test" }, receipt!.id)).status).toBe("processed");
    const [done] = await database.db.select().from(webhookReceipts).where(eq(webhookReceipts.id, receipt!.id));
    expect(done).toMatchObject({ status: "processed", error: null });
    expect(await orderByNumber("#WH1001")).toMatchObject({ status: "at_wms" });
  });
});

describe("shipment.created", () => {
  it("marks the order shipped and sends its tracking number to the cart; the same tracking again adds nothing", async () => {
    await deliver(world.cart.id, "order.upserted", orderData);
    const shipment = { orderNumber: "#WH1001", carrier: "UPS", trackingNumber: "1Z999" };
    const { outcome } = await deliver(world.wms.id, "shipment.created", shipment);
    expect(outcome).toMatchObject({ status: "processed", sent: { attempted: 1, succeeded: 1 } });
    const order = (await orderByNumber("#WH1001"))!;
    expect(order.status).toBe("shipped");
    const tracking = (await deliveriesOf(order.id)).filter((d) => d.kind === "tracking_to_cart");
    expect(tracking).toEqual([expect.objectContaining({ connectionId: world.cart.id, status: "succeeded", payload: shipment })]);
    expect(sender.requests.at(-1)).toMatchObject({ path: "/tracking", payload: shipment });

    await deliver(world.wms.id, "shipment.created", shipment);
    expect((await deliveriesOf(order.id)).filter((d) => d.kind === "tracking_to_cart")).toHaveLength(1);
  });

  it("for an order Fixline does not know fails with the reason", async () => {
    const { receipt } = await deliver(world.wms.id, "shipment.created", { orderNumber: "#NOPE", carrier: "UPS", trackingNumber: "1Z" });
    expect(receipt).toMatchObject({
      status: "failed",
      error: "No order #NOPE for this merchant: a shipment is recorded for an order Fixline received from the cart.",
    });
    expect(await database.db.select().from(deliveries)).toEqual([]);
  });
});

describe("inventory.updated", () => {
  it("sends each SKU's quantity to the cart; a newer level replaces one still waiting", async () => {
    answer = (r) =>
      (r.payload as { sku: string }).sku === "SKU-2"
        ? { kind: "rejected", status: 404, code: "product_not_found", message: "No SKU-2" }
        : OK;
    await deliver(world.wms.id, "inventory.updated", {
      items: [
        { sku: "SKU-1", quantity: 5 },
        { sku: "SKU-2", quantity: 7 },
      ],
    });
    const rows = await database.db.select().from(deliveries).orderBy(deliveries.sku);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: "inventory_to_cart",
        connectionId: world.cart.id,
        sku: "SKU-1",
        status: "succeeded",
        payload: { sku: "SKU-1", quantity: 5 },
      }),
      expect.objectContaining({ sku: "SKU-2", status: "retrying", payload: { sku: "SKU-2", quantity: 7 } }),
    ]);

    answer = () => OK;
    await deliver(world.wms.id, "inventory.updated", { items: [{ sku: "SKU-2", quantity: 3 }] });
    const sku2 = await database.db.select().from(deliveries).where(eq(deliveries.sku, "SKU-2"));
    expect(sku2).toEqual([expect.objectContaining({ status: "succeeded", payload: { sku: "SKU-2", quantity: 3 }, payloadVersion: 2 })]);
    const [alert] = await database.db.select().from(alerts).where(eq(alerts.deliveryId, sku2[0]!.id));
    expect(alert).toMatchObject({ kind: "inventory_push_failed", state: "resolved" });
  });
});

describe("error.reported", () => {
  it("raises a remote_error alert with the message verbatim, once per record and cause (R8)", async () => {
    await deliver(world.cart.id, "order.upserted", orderData);
    const order = (await orderByNumber("#WH1001"))!;
    const report = { orderNumber: "#WH1001", code: "requires_action", message: "Hazmat item: choose a ground service before release." };
    await deliver(world.wms.id, "error.reported", report);
    await deliver(world.wms.id, "error.reported", report);
    await deliver(world.wms.id, "error.reported", { sku: "SKU-9", message: "Unknown product SKU-9" });
    const rows = await database.db.select().from(alerts).orderBy(alerts.id);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: "remote_error",
        orderId: order.id,
        orderNumber: "#WH1001",
        connectionId: world.wms.id,
        needsPerson: true,
        message: report.message,
        errorCode: "requires_action",
        occurrences: 2,
        state: "open",
      }),
      expect.objectContaining({
        kind: "remote_error",
        productCode: "SKU-9",
        orderId: null,
        needsPerson: false,
        message: "Unknown product SKU-9",
        occurrences: 1,
      }),
    ]);
    expect((await eventsOf(database.db, rows[0]!.id))[0]!.detail).toBe("Reported by Test WMS (code requires_action).");
  });
});

describe("tenancy", () => {
  it("an event only ever touches the sending connection's merchant", async () => {
    const other = await makeWorld(database.db, now);
    const { order: theirs } = await other.addOrder();
    const { receipt } = await deliver(world.wms.id, "shipment.created", {
      orderNumber: theirs.orderNumber,
      carrier: "UPS",
      trackingNumber: "1Z",
    });
    expect(receipt.status).toBe("failed");
    await deliver(world.cart.id, "order.upserted", { ...orderData, orderNumber: theirs.orderNumber });
    expect(await orderByNumber(theirs.orderNumber, other.merchant.id)).toMatchObject({ id: theirs.id, status: "new", payloadVersion: 1 });
    expect(await orderByNumber(theirs.orderNumber, world.merchant.id)).toMatchObject({ status: "at_wms" });
    await deliver(world.wms.id, "error.reported", { orderNumber: theirs.orderNumber, message: "Broken" });
    const [alert] = await database.db.select().from(alerts).where(eq(alerts.kind, "remote_error"));
    expect(alert).toMatchObject({ accountId: world.merchant.id, orderId: (await orderByNumber(theirs.orderNumber))!.id });
  });
});
