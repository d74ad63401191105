import { Cron } from "croner";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveries, orders } from "@/db/schema";
import { retryOrders } from "@/jobs/retry-orders";
import { syncConnections } from "@/jobs/sync-connections";
import { runJobOnce, type JobContext } from "@/jobs/types";
import type { Send } from "../connectors/send";
import { editOrder } from "../orders/edit-order";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { DOWN, OK, alertsOf, eventsOf, makeWorld, scriptedSender } from "../testing/world";
import { resendOrder } from "./resend-order";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
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
const delivery = async (id: number) => (await database.db.select().from(deliveries).where(eq(deliveries.id, id)))[0]!;
const order = async (id: number) => (await database.db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe("R1: a failing order", () => {
  it("is attempted exactly once per hour for 15 days, then skipped with a record_skipped alert", async () => {
    const world = await makeWorld(database.db, t0);
    const { order: o, delivery: d } = await world.addOrder();
    const wms = scriptedSender(() => DOWN);
    // Also run the job at :30 past each hour: it must not attempt early.
    for (let half = 0; half <= 2 * (15 * 24 + 2); half++) await runJobOnce(retryOrders, ctx(at((half * HOUR) / 2), wms.send));

    expect(wms.requests).toHaveLength(15 * 24);
    const finalRecord = await delivery(d.id);
    expect(finalRecord.status).toBe("skipped");
    expect(finalRecord.attempts).toBe(15 * 24);
    expect((await order(o.id)).status).toBe("skipped");
    const [alert, ...others] = await alertsOf(database.db, d.id);
    expect(others).toHaveLength(0);
    expect(alert).toMatchObject({ kind: "record_skipped", state: "open", needsPerson: true, occurrences: 15 * 24 });
    const events = await eventsOf(database.db, alert!.id);
    expect(events.at(-1)).toMatchObject({ type: "skipped", at: at(15 * DAY) });
    expect(events.filter((e) => e.type === "retry_failed")).toHaveLength(15 * 24 - 1);
  }, 120_000);

  it("R9: is tried again 60 to 65 minutes after each try, whatever minute it first failed at", async () => {
    const world = await makeWorld(database.db, t0);
    const { delivery: d } = await world.addOrder();
    // The order first fails at 19:03, when a webhook sends it at once; the jobs then run as scheduled, every 5 minutes.
    const firstTry = at(19 * HOUR + 3 * 60_000);
    await database.db.update(deliveries).set({ nextAttemptAt: firstTry }).where(eq(deliveries.id, d.id));
    const tries: Date[] = [];
    const wms = scriptedSender(() => DOWN);
    await runJobOnce(retryOrders, ctx(firstTry, wms.send));
    tries.push(firstTry);
    // The job runs at the times its own cron names (croner, as the local runner and Trigger.dev schedule it).
    const schedule = new Cron(retryOrders.cron, { timezone: "UTC", paused: true });
    for (let t = schedule.nextRun(firstTry)!; t <= at(25 * HOUR); t = schedule.nextRun(t)!) {
      const before = wms.requests.length;
      await runJobOnce(retryOrders, ctx(t, wms.send));
      if (wms.requests.length > before) tries.push(t);
    }
    const gaps = tries.slice(1).map((t, i) => (t.getTime() - tries[i]!.getTime()) / 60_000);
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(60);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(65);
    // The first retry comes at 20:05, not at 21:00.
    expect(tries[1]).toEqual(at(20 * HOUR + 5 * 60_000));
  });

  it("R8: repeats update one open alert with a rising occurrence count and the last message", async () => {
    const world = await makeWorld(database.db, t0);
    const { delivery: d } = await world.addOrder();
    const wms = scriptedSender((_, call) => ({ ...DOWN, message: `503 attempt ${call}` }));
    for (let h = 0; h < 4; h++) await runJobOnce(retryOrders, ctx(at(h * HOUR), wms.send));
    const alerts = await alertsOf(database.db, d.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: "order_send_failed",
      occurrences: 4,
      message: "503 attempt 4",
      lastSeenAt: at(3 * HOUR),
      firstSeenAt: t0,
    });
  });

  it("R4: a success resolves the open alert automatically, recorded in its history", async () => {
    const world = await makeWorld(database.db, t0);
    const { order: o, delivery: d } = await world.addOrder();
    const wms = scriptedSender((_, call) => (call < 3 ? DOWN : OK));
    for (let h = 0; h < 4; h++) await runJobOnce(retryOrders, ctx(at(h * HOUR), wms.send));
    expect(wms.requests).toHaveLength(3);
    expect((await order(o.id)).status).toBe("at_wms");
    const [alert] = await alertsOf(database.db, d.id);
    expect(alert).toMatchObject({ state: "resolved", resolvedAt: at(2 * HOUR) });
    expect((await eventsOf(database.db, alert!.id)).map((e) => e.type)).toEqual(["raised", "retry_failed", "resolved"]);
    // The same record and payload version always carries the same Idempotency-Key (docs/rules.md#r7).
    expect(new Set(wms.requests.map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it("R6: a 429's Retry-After is honoured over the hourly cadence", async () => {
    const world = await makeWorld(database.db, t0);
    const { delivery: d } = await world.addOrder();
    const wms = scriptedSender((_, call) =>
      call === 1 ? { kind: "transient", status: 429, code: null, message: "Too Many Requests", retryAfterMs: 3 * HOUR } : OK,
    );
    for (let h = 0; h <= 3; h++) await runJobOnce(retryOrders, ctx(at(h * HOUR), wms.send));
    expect(wms.requests).toHaveLength(2);
    expect((await delivery(d.id)).lastAttemptAt).toEqual(at(3 * HOUR));
  });

  it("R5: Resend to WMS revives a skipped order at once with a new window", async () => {
    const world = await makeWorld(database.db, t0);
    const { order: o, delivery: d } = await world.addOrder();
    await database.db
      .update(deliveries)
      .set({ status: "skipped", attempts: 360, firstFailureAt: t0, giveUpAt: at(15 * DAY) })
      .where(eq(deliveries.id, d.id));
    const wms = scriptedSender(() => DOWN);
    const later = at(20 * DAY);
    const result = await resendOrder(
      { db: database.db, scope: world.scope, now: later, send: wms.send, actor: { type: "system", name: "test" }, owner: "ui" },
      { orderId: o.id },
    );
    expect(result.result).toBe("retrying");
    expect(wms.requests).toHaveLength(1);
    expect(await delivery(d.id)).toMatchObject({
      status: "retrying",
      firstFailureAt: later,
      giveUpAt: new Date(later.getTime() + 15 * DAY),
    });
  });
});

describe("R3: errors that need a person", () => {
  it("hold the order without retrying, and an edit resends it at once", async () => {
    const world = await makeWorld(database.db, t0);
    const { order: o, delivery: d } = await world.addOrder({ postalCode: "9002" });
    const wms = scriptedSender((request) => {
      const shipTo = (request.payload as { shipTo: { postalCode: string } }).shipTo;
      return shipTo.postalCode === "9002"
        ? { kind: "needs_person", status: 422, code: "address_invalid", message: "Postal code '9002' is not a valid ZIP code." }
        : OK;
    });
    for (let h = 0; h < 5; h++) await runJobOnce(retryOrders, ctx(at(h * HOUR), wms.send));
    expect(wms.requests).toHaveLength(1);
    expect((await order(o.id)).status).toBe("held");
    const [alert] = await alertsOf(database.db, d.id);
    expect(alert).toMatchObject({
      kind: "address_invalid",
      needsPerson: true,
      state: "open",
      message: "Postal code '9002' is not a valid ZIP code.",
    });

    const editAt = at(5 * HOUR + 7 * 60_000);
    const result = await editOrder(
      { db: database.db, scope: world.scope, now: editAt, send: wms.send, actor: { type: "system", name: "test" }, owner: "ui" },
      { orderId: o.id, changes: { shipTo: { ...o.shipTo, postalCode: "90028" }, shipMethodLabel: "Standard" } },
    );
    expect(result.result).toBe("succeeded");
    expect(wms.requests).toHaveLength(2);
    expect(wms.requests[1]!.idempotencyKey).not.toBe(wms.requests[0]!.idempotencyKey);
    expect((await order(o.id)).status).toBe("at_wms");
    const [resolved] = await alertsOf(database.db, d.id);
    expect(resolved).toMatchObject({ state: "resolved", resolvedAt: editAt });
    expect((await eventsOf(database.db, resolved!.id)).map((e) => e.type)).toEqual(["raised", "edited", "resent", "resolved"]);
  });

  it("an unmapped ship method is held before the WMS is called", async () => {
    const world = await makeWorld(database.db, t0);
    const { order: o, delivery: d } = await world.addOrder({ shipMethodLabel: "Free Shipping" });
    const wms = scriptedSender(() => OK);
    await runJobOnce(retryOrders, ctx(t0, wms.send));
    expect(wms.requests).toHaveLength(0);
    expect((await order(o.id)).status).toBe("held");
    expect(await alertsOf(database.db, d.id)).toMatchObject([
      {
        kind: "ship_method_unmapped",
        needsPerson: true,
        message: "Ship method 'Free Shipping' is not mapped to a carrier service at Test Warehouse.",
      },
    ]);
  });

  it("an invalid edit changes nothing and says which field is wrong", async () => {
    const world = await makeWorld(database.db, t0);
    const { order: o } = await world.addOrder();
    const wms = scriptedSender(() => OK);
    const edit = editOrder(
      { db: database.db, scope: world.scope, now: t0, send: wms.send, actor: { type: "system", name: "test" }, owner: "ui" },
      { orderId: o.id, changes: { shipTo: { ...o.shipTo, postalCode: "ABC" }, shipMethodLabel: "Standard" } },
    );
    await expect(edit).rejects.toMatchObject({
      fields: { "shipTo.postalCode": "Postal code 'ABC' is not valid for US (e.g. 94105 or 94105-1234)." },
    });
    expect(await order(o.id)).toEqual(o);
    expect(wms.requests).toHaveLength(0);
  });
});

describe("R2: tracking and inventory", () => {
  it.each([
    [15, 3 * DAY],
    [60, 12 * DAY],
    [240, 30 * DAY],
  ])(
    "with a %i-minute sync are retried at each sync and skipped after the window",
    async (interval, window) => {
      const world = await makeWorld(database.db, t0, { syncIntervalMinutes: interval });
      const d = await world.addCartDelivery("tracking_to_cart");
      const cart = scriptedSender(() => DOWN);
      // The sync job runs every minute; only the connection's interval triggers a sync. Step by the interval
      // here (a minute-by-minute walk over 30 days is too slow for a unit test) and check the cadence.
      const step = interval * 60_000;
      for (let t = 0; t <= window + step; t += step) await runJobOnce(syncConnections, ctx(at(t), cart.send));
      const finalRecord = await delivery(d.id);
      expect(cart.requests).toHaveLength(window / step);
      expect(finalRecord).toMatchObject({ status: "skipped", giveUpAt: at(window) });
      expect(await alertsOf(database.db, d.id)).toMatchObject([{ kind: "record_skipped", needsPerson: true }]);
    },
    120_000,
  );

  it("a sync job run between syncs leaves the connection alone", async () => {
    const world = await makeWorld(database.db, t0, { syncIntervalMinutes: 15 });
    await world.addCartDelivery("inventory_to_cart");
    const cart = scriptedSender(() => DOWN);
    for (let m = 0; m <= 30; m++) await runJobOnce(syncConnections, ctx(at(m * 60_000), cart.send));
    expect(cart.requests).toHaveLength(3); // at 0, 15 and 30 minutes
  });
});
