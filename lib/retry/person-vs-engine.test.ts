import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveries, orders, type Order } from "@/db/schema";
import { retryOrders } from "@/jobs/retry-orders";
import { runJobOnce } from "@/jobs/types";
import { ChangedSinceError, ConflictError } from "../errors";
import { resendAlertOrders, retryAlerts } from "../alerts/bulk-alerts";
import { dismissAlerts } from "../alerts/dismiss-alerts";
import { editOrder } from "../orders/edit-order";
import { SYSTEM } from "./actor";
import { heldWms, keyVersion } from "../testing/held-wms";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { DOWN, OK, eventsOf, alertsOf, makeWorld } from "../testing/world";
import type { CoreContext } from "../core/context";
import { resendOrder, resendOrders } from "./resend-order";

// R9: a person and the engine never step on each other. Each test holds the stand-in WMS's requests open and
// releases them on cue, so the interleaving is the one named, every run; each asserts what the WMS received
// (keys, versions, overlaps) and what the person is told.

// In the future, so that the jobs' leases (taken at the later of `now` and the clock) follow this test's clock.
const t0 = new Date("2030-11-04T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.cleanup());

const person = (send: CoreContext["send"], now: Date, owner = "web:person"): Omit<CoreContext, "db" | "scope"> => ({
  now,
  send,
  actor: { type: "system", name: "test" },
  owner,
});
const orderRow = async (id: number) => (await database.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const deliveryRow = async (id: number) => (await database.db.select().from(deliveries).where(eq(deliveries.id, id)))[0]!;
const corrected = (o: Order) => ({ shipTo: { ...o.shipTo, line1: "2 Corrected Ave", postalCode: "78701" }, shipMethodLabel: "Standard" });
const job = (send: CoreContext["send"], now: Date, owner = "worker") =>
  runJobOnce(retryOrders, { db: database.db, now, send, owner, log: () => {} });

describe("a person's edit while a job is sending the order", () => {
  it("is refused with nothing saved; if the WMS accepts the old version, a later edit from the same page is refused too", async () => {
    const world = await makeWorld(database.db, t0);
    const { order } = await world.addOrder();
    const wms = heldWms();
    const running = job(wms.send, t0);
    await wms.arrived(1);

    // The person reads times in their own zone (docs/rules.md#t3): the job began at 09:00 UTC, 10:00 in Berlin.
    const edit = editOrder(
      { ...person(wms.send, at(MIN)), db: database.db, scope: world.scope, timeZone: "Europe/Berlin" },
      { orderId: order.id, changes: corrected(order), seenVersion: order.payloadVersion },
    );
    await expect(edit).rejects.toBeInstanceOf(ConflictError);
    await expect(edit).rejects.toThrow(/being sent to the WMS right now \(since 4 Nov 2030, 10:00 CET\)\. Nothing was changed or sent/);
    expect(await orderRow(order.id)).toEqual(order);

    wms.release(0, OK);
    await running;
    expect((await orderRow(order.id)).status).toBe("at_wms");
    const again = editOrder(
      { ...person(wms.send, at(2 * MIN)), db: database.db, scope: world.scope, timeZone: "America/New_York" },
      { orderId: order.id, changes: corrected(order), seenVersion: order.payloadVersion },
    );
    await expect(again).rejects.toMatchObject({ name: "ChangedSinceError", reason: "accepted" });
    await expect(again).rejects.toThrow(/was accepted by Test WMS at 4 Nov 2030, 04:00 EST\. Nothing was changed or sent/);
    expect((await orderRow(order.id)).shipTo).toEqual(order.shipTo);
    expect(wms.requests.map(keyVersion)).toEqual([1]);
    expect(wms.maxInFlight).toBe(1);
  });

  it("is applied and sent once the job's send has failed: the WMS gets version 1, then version 2, never both at once", async () => {
    const world = await makeWorld(database.db, t0);
    const { order } = await world.addOrder();
    const wms = heldWms();
    const running = job(wms.send, t0);
    await wms.arrived(1);
    wms.release(0, DOWN);
    await running;

    const edit = editOrder(
      { ...person(wms.send, at(MIN)), db: database.db, scope: world.scope },
      { orderId: order.id, changes: corrected(order), seenVersion: order.payloadVersion },
    );
    await wms.arrived(2);
    // While the edit's send is held, a job run finds the order claimed and sends nothing.
    await job(wms.send, at(2 * MIN), "worker-2");
    expect(wms.requests).toHaveLength(2);
    wms.release(1, OK);
    expect((await edit).result).toBe("succeeded");

    expect(wms.requests.map(keyVersion)).toEqual([1, 2]);
    expect((wms.accepted[0]!.payload as { shipTo: { line1: string } }).shipTo.line1).toBe("2 Corrected Ave");
    expect(wms.maxInFlight).toBe(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "at_wms", payloadVersion: 2 });
  });

  it("a second person's resend while the first person's edit is in flight is refused", async () => {
    const world = await makeWorld(database.db, t0);
    const { order } = await world.addOrder();
    const wms = heldWms();
    const edit = editOrder(
      { ...person(wms.send, t0, "web:a"), db: database.db, scope: world.scope },
      { orderId: order.id, changes: corrected(order), seenVersion: 1 },
    );
    await wms.arrived(1);
    await expect(
      resendOrder({ ...person(wms.send, t0, "web:b"), db: database.db, scope: world.scope }, { orderId: order.id, seenVersion: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    wms.release(0, OK);
    await edit;
    expect(wms.requests.map(keyVersion)).toEqual([2]);
  });

  it("a process that stops after the edit is saved leaves it to the jobs, which send the saved version once the lease expires", async () => {
    const world = await makeWorld(database.db, t0);
    const { order, delivery } = await world.addOrder();
    await database.db
      .update(deliveries)
      .set({ status: "retrying", nextAttemptAt: at(60 * MIN) })
      .where(eq(deliveries.id, delivery.id));
    const dies = async () => {
      throw new Error("the process stopped");
    };
    await expect(
      editOrder(
        { ...person(dies, t0), db: database.db, scope: world.scope },
        { orderId: order.id, changes: corrected(order), seenVersion: 1 },
      ),
    ).rejects.toThrow("the process stopped");
    expect(await orderRow(order.id)).toMatchObject({ payloadVersion: 2 });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "pending", leaseOwner: "web:person" });

    const wms = heldWms();
    // Within the lease nobody else sends it; after it, the next sync sends the saved correction.
    await job(wms.send, at(MIN), "w1");
    expect(wms.requests).toHaveLength(0);
    const later = job(wms.send, at(6 * MIN), "w2");
    await wms.arrived(1);
    wms.release(0, OK);
    await later;
    expect(wms.requests.map(keyVersion)).toEqual([2]);
    expect((await orderRow(order.id)).status).toBe("at_wms");
  });
});

describe("a page opened before the order changed", () => {
  it("Save & resend on a page from before the WMS accepted the order sends nothing and says so", async () => {
    const world = await makeWorld(database.db, t0);
    const { order } = await world.addOrder();
    const wms = heldWms();
    const running = job(wms.send, t0);
    await wms.arrived(1);
    wms.release(0, OK);
    await running;

    const pageVersion = order.payloadVersion; // the page was rendered before the job ran
    for (const action of [
      () =>
        editOrder(
          { ...person(wms.send, at(MIN)), db: database.db, scope: world.scope },
          { orderId: order.id, changes: corrected(order), seenVersion: pageVersion },
        ),
      () =>
        resendOrder({ ...person(wms.send, at(MIN)), db: database.db, scope: world.scope }, { orderId: order.id, seenVersion: pageVersion }),
      // Without a version (an alert's Retry now), an accepted order is still never sent again by a person.
      () => resendOrder({ ...person(wms.send, at(MIN)), db: database.db, scope: world.scope }, { orderId: order.id }),
    ]) {
      await expect(action()).rejects.toMatchObject({ reason: "accepted" });
    }
    expect(wms.requests).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "at_wms", payloadVersion: 1, shipTo: order.shipTo });
  });

  it("bulk actions from the Alerts tab on an alert whose order the WMS accepted since count it as changed and send nothing", async () => {
    const world = await makeWorld(database.db, t0);
    const { delivery } = await world.addOrder();
    await job(async () => DOWN, t0);
    const [alert] = await alertsOf(database.db, delivery.id);
    expect(alert).toMatchObject({ state: "open" });
    await job(async () => OK, at(60 * MIN));
    const wms = heldWms();
    expect(
      await resendAlertOrders({ ...person(wms.send, at(61 * MIN)), db: database.db, scope: world.scope }, { ids: [alert!.id] }),
    ).toMatchObject({ changed: 1, sent: 0 });
    expect(
      await retryAlerts({ ...person(wms.send, at(61 * MIN)), db: database.db, scope: world.scope }, { ids: [alert!.id] }),
    ).toMatchObject({ changed: 1, sent: 0 });
    expect(wms.requests).toHaveLength(0);
  });

  it("an edit or resend from a page older than another person's edit is refused and names that edit", async () => {
    const world = await makeWorld(database.db, t0);
    const { order, delivery } = await world.addOrder({ postalCode: "9002" });
    const refuse = async () => ({ kind: "needs_person", status: 422, code: "address_invalid", message: "Bad address." }) as const;
    await job(refuse, t0);
    expect((await orderRow(order.id)).status).toBe("held");
    // Someone edits; the WMS refuses that version too, so the order is still open to edits.
    await editOrder(
      { ...person(refuse, at(MIN), "web:a"), db: database.db, scope: world.scope },
      { orderId: order.id, changes: corrected(order), seenVersion: 1 },
    );
    expect((await orderRow(order.id)).payloadVersion).toBe(2);

    const wms = heldWms();
    const stale = editOrder(
      { ...person(wms.send, at(2 * MIN), "web:b"), db: database.db, scope: world.scope },
      { orderId: order.id, changes: { ...corrected(order), shipMethodLabel: "Standard" }, seenVersion: 1 },
    );
    await expect(stale).rejects.toBeInstanceOf(ChangedSinceError);
    await expect(stale).rejects.toThrow(
      /was changed at .* \(Edited the ship-to address\), after you opened this page\. Nothing was saved or sent/,
    );
    await expect(
      resendOrder(
        { ...person(wms.send, at(2 * MIN), "web:b"), db: database.db, scope: world.scope },
        { orderId: order.id, seenVersion: 1 },
      ),
    ).rejects.toMatchObject({ reason: "edited" });
    expect(wms.requests).toHaveLength(0);
    expect(await orderRow(order.id)).toMatchObject({ payloadVersion: 2 });
    expect(await deliveryRow(delivery.id)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    const [alert] = await alertsOf(database.db, delivery.id);
    expect((await eventsOf(database.db, alert!.id)).filter((e) => e.type === "edited")).toHaveLength(1);
  });

  it("a bulk resend skips the orders that changed since they were chosen and counts them by what changed", async () => {
    const world = await makeWorld(database.db, t0);
    const a = await world.addOrder();
    const b = await world.addOrder();
    const c = await world.addOrder();
    for (const o of [a, b, c])
      await database.db
        .update(deliveries)
        .set({ status: "retrying", nextAttemptAt: at(60 * MIN) })
        .where(eq(deliveries.id, o.delivery.id));
    // After the list was shown: b is accepted, c is edited by someone.
    await resendOrder({ ...person(async () => OK, at(MIN)), db: database.db, scope: world.scope }, { orderId: b.order.id });
    await database.db.update(orders).set({ payloadVersion: 2 }).where(eq(orders.id, c.order.id));

    const wms = heldWms();
    const bulk = resendOrders(
      { ...person(wms.send, at(2 * MIN)), db: database.db, scope: world.scope },
      { orders: [a, b, c].map((o) => ({ id: o.order.id, version: 1 })) },
    );
    await wms.arrived(1);
    wms.release(0, OK);
    const summary = await bulk;
    expect(summary).toMatchObject({ sent: 1, changed: { accepted: 1, edited: 1 }, busy: 0 });
    expect(wms.requests.map((r) => r.idempotencyKey)).toEqual([`fixline:order_to_wms:${a.delivery.id}:v1`]);
  });
});

describe("the engine and a person's claim", () => {
  it("dismissing an alert while its record is being sent leaves both alone; the answer decides", async () => {
    const world = await makeWorld(database.db, t0);
    const { delivery } = await world.addOrder();
    await job(async () => DOWN, t0);
    const [alert] = await alertsOf(database.db, delivery.id);
    const wms = heldWms();
    const running = job(wms.send, at(60 * MIN));
    await wms.arrived(1);
    expect(
      await dismissAlerts(
        { db: database.db, scope: world.scope, actor: SYSTEM, now: at(61 * MIN) },
        { ids: [alert!.id], reason: "handled by phone" },
      ),
    ).toEqual({ dismissed: 0, busy: 1 });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "retrying", leaseOwner: "worker" });
    wms.release(0, OK);
    await running;
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "succeeded" });
    expect((await alertsOf(database.db, delivery.id))[0]).toMatchObject({ state: "resolved" });
  });

  it("a job that finds a person's send in flight leaves the order alone", async () => {
    const world = await makeWorld(database.db, t0);
    const { order } = await world.addOrder();
    const wms = heldWms();
    const resend = resendOrder({ ...person(wms.send, t0), db: database.db, scope: world.scope }, { orderId: order.id, seenVersion: 1 });
    await wms.arrived(1);
    const summaries = await job(wms.send, t0);
    expect(summaries.reduce((n, s) => n + s.attempted, 0)).toBe(0);
    wms.release(0, OK);
    await resend;
    expect(wms.requests).toHaveLength(1);
  });
});
