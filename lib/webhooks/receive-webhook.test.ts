import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { alertEvents, alerts, connections, deliveries, orders, webhookRateWindows, webhookReceipts } from "@/db/schema";
import { openDatabase } from "@/db/client";
import { signed } from "../testing/sign-webhook";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { createRateLimiter, rateWindow } from "./rate-limiter";
import { receiveWebhook } from "./receive-webhook";
import type { SignatureHeaders } from "./verify-signature";

const now = new Date("2026-11-26T14:05:00Z");
const SECRET = "whsec_" + Buffer.from("alder & oak cart secret!").toString("base64");
const OTHER_SECRET = "whsec_" + Buffer.from("bright trail cart secret").toString("base64");
const order = {
  type: "order.upserted",
  data: {
    orderNumber: "#WH1001",
    shipTo: { name: "Grace Liu", line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" },
    shipMethodLabel: "Standard",
    lines: [{ sku: "SKU-1", quantity: 2 }],
  },
};

let database: TestDatabase;
let world: Awaited<ReturnType<typeof makeWorld>>;
let other: Awaited<ReturnType<typeof makeWorld>>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now);
  database = await createTestDatabase();
  world = await makeWorld(database.db, now);
  other = await makeWorld(database.db, now);
  await database.db.update(connections).set({ webhookSecret: SECRET }).where(eq(connections.accountId, world.merchant.id));
  await database.db.update(connections).set({ webhookSecret: OTHER_SECRET }).where(eq(connections.accountId, other.merchant.id));
});
afterEach(async () => {
  vi.useRealTimers();
  await database.cleanup();
});

function receive(
  connectionId: number | string,
  body: string,
  headers: SignatureHeaders = signed(SECRET, body, now),
  limiter = createRateLimiter(),
) {
  return receiveWebhook(database.db, { connectionId: String(connectionId), headers, body }, { now, limiter });
}

/** Every row a webhook could add or change, counted. */
async function rowCounts() {
  const db = database.db;
  const n = async (table: typeof orders | typeof deliveries | typeof alerts | typeof alertEvents | typeof webhookReceipts) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    receipts: await n(webhookReceipts),
    orders: await n(orders),
    deliveries: await n(deliveries),
    alerts: await n(alerts),
    alertEvents: await n(alertEvents),
  };
}

describe("an honest event", () => {
  it("is stored once, and a repeated webhook-id gets the same answer", async () => {
    const body = JSON.stringify(order);
    const headers = signed(SECRET, body, now, "msg_2Lq1");
    const first = await receive(world.cart.id, body, headers);
    const again = await receive(world.cart.id, body, headers);
    expect(first).toEqual({ ok: true, receipt: { id: expect.any(Number), status: "accepted" }, duplicate: false });
    expect(again).toEqual({ ok: true, receipt: first.ok ? first.receipt : null, duplicate: true });
    const rows = await database.db.select().from(webhookReceipts);
    expect(rows).toEqual([
      expect.objectContaining({
        connectionId: world.cart.id,
        webhookId: "msg_2Lq1",
        eventType: "order.upserted",
        payload: order,
        status: "accepted",
        receivedAt: now,
      }),
    ]);
  });

  it("with the same webhook-id on another connection is another event", async () => {
    const body = JSON.stringify({ type: "error.reported", data: { sku: "SKU-1", message: "x" } });
    await receive(world.cart.id, body, signed(SECRET, body, now, "msg_same"));
    await receive(world.wms.id, body, signed(SECRET, body, now, "msg_same"));
    expect((await rowCounts()).receipts).toBe(2);
  });
});

describe("a refused request changes nothing", () => {
  const body = JSON.stringify(order);
  const cases: [string, () => ReturnType<typeof receive>, number | string][] = [
    ["wrong secret", () => receive(world.cart.id, body, signed(OTHER_SECRET, body, now)), "invalid_signature"],
    ["no signature headers", () => receive(world.cart.id, body, { id: null, timestamp: null, signature: null }), "missing_signature"],
    [
      "timestamp 10 minutes old",
      () => receive(world.cart.id, body, signed(SECRET, body, new Date(now.getTime() - 600_000))),
      "timestamp_out_of_tolerance",
    ],
    [
      "body tampered after signing",
      () => receive(world.cart.id, body.replace("#WH1001", "#WH1002"), signed(SECRET, body, now)),
      "invalid_signature",
    ],
    ["malformed JSON", () => receive(world.cart.id, '{"type": "order.upserted",'), "invalid_json"],
    [
      "wrong field types",
      () => receive(world.cart.id, JSON.stringify({ ...order, data: { ...order.data, lines: "2 mugs" } })),
      "invalid_event",
    ],
    ["unknown type", () => receive(world.cart.id, JSON.stringify({ type: "order.deleted", data: {} })), "invalid_event"],
    ["another merchant's connection id", () => receive(other.cart.id, body), "invalid_signature"],
    ["a connection id that does not exist", () => receive(99_999, body), "invalid_signature"],
    ["a connection id that is not a number", () => receive("1 OR 1=1", body), "invalid_signature"],
    ["an order sent to a WMS's endpoint", () => receive(world.wms.id, body), "event_not_allowed"],
  ];

  it.each(cases)("%s", async (_, send, code) => {
    const before = await rowCounts();
    const result = await send();
    expect(result).toMatchObject({ ok: false, rejection: { code } });
    expect(await rowCounts()).toEqual(before);
  });

  it("an unknown connection and a wrong signature get the very same answer", async () => {
    const unknown = await receive(99_999, body);
    const wrong = await receive(world.cart.id, body, signed(OTHER_SECRET, body, now));
    expect(JSON.stringify(unknown)).toBe(JSON.stringify(wrong));
  });

  it("over the connection's rate: 429 with the seconds to wait, and nothing stored", async () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1 });
    const event = (id: string) => JSON.stringify({ type: "error.reported", data: { sku: id, message: "x" } });
    expect((await receive(world.cart.id, event("A"), undefined, limiter)).ok).toBe(true);
    const before = await rowCounts();
    const refused = await receive(world.cart.id, event("B"), undefined, limiter);
    expect(refused).toEqual({ ok: false, rejection: expect.objectContaining({ code: "rate_limited", retryAfterSeconds: 1 }) });
    expect(await rowCounts()).toEqual(before);
    // Another connection has its own budget.
    expect((await receive(world.wms.id, event("C"), undefined, limiter)).ok).toBe(true);
  });
});

describe("a rate limit shared by every app instance on the database (docs/rules.md#w1)", () => {
  const limit = { ratePerSecond: 1, burst: 2 };
  const event = (id: string) => JSON.stringify({ type: "error.reported", data: { sku: id, message: "x" } });
  const receiveOn = (db: typeof database.db, connectionId: number, body: string, at = now, headers = signed(SECRET, body, at)) =>
    receiveWebhook(db, { connectionId: String(connectionId), headers, body }, { now: at, shared: limit });

  it("two instances share one connection's budget; the request over it is refused and stores no receipt", async () => {
    const second = openDatabase(database.url);
    try {
      expect((await receiveOn(database.db, world.cart.id, event("A"))).ok).toBe(true);
      expect((await receiveOn(second.db, world.cart.id, event("B"))).ok).toBe(true);
      const before = await rowCounts();
      const refused = await receiveOn(second.db, world.cart.id, event("C"));
      const { retryAfterSeconds } = rateWindow(limit, now);
      expect(refused).toEqual({ ok: false, rejection: expect.objectContaining({ code: "rate_limited", retryAfterSeconds }) });
      expect(await rowCounts()).toEqual(before);
      // Another connection has its own budget, on either instance.
      expect((await receiveOn(database.db, world.wms.id, event("D"))).ok).toBe(true);
    } finally {
      second.client.close();
    }
  });

  it("a repeat within the budget is answered with the first receipt; the next window starts afresh and drops the old counter", async () => {
    const headers = signed(SECRET, event("A"), now);
    const first = await receiveOn(database.db, world.cart.id, event("A"), now, headers);
    const again = await receiveOn(database.db, world.cart.id, event("A"), now, headers);
    expect(first.ok && again.ok && again.duplicate && again.receipt.id === first.receipt.id).toBe(true);
    expect((await receiveOn(database.db, world.cart.id, event("B"))).ok).toBe(false);
    const later = new Date(now.getTime() + 2_000);
    expect((await receiveOn(database.db, world.cart.id, event("B"), later)).ok).toBe(true);
    const counters = await database.db.select().from(webhookRateWindows).where(eq(webhookRateWindows.connectionId, world.cart.id));
    expect(counters).toEqual([{ connectionId: world.cart.id, windowStart: rateWindow(limit, later).start, n: 1 }]);
  });
});
