import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveries, orders } from "@/db/schema";
import { retryOrders } from "@/jobs/retry-orders";
import { runJobOnce } from "@/jobs/types";
import type { OutboundRequest, Send } from "../connectors/send";
import type { Outcome } from "../connectors/outcome";
import { ConflictError } from "../errors";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { OK, alertsOf, makeWorld } from "../testing/world";
import { resendOrder } from "./resend-order";
import { skipExpiredDeliveries } from "./skip-delivery";

// The lease rule (docs/rules.md#r7) at the seam between a send in flight and the window closing: a leased record is never skipped, released
// or re-claimed by anyone but its owner until its lease expires.

const DAY = 24 * 3_600_000;
const t0 = new Date("2026-11-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.cleanup());

/** A stand-in WMS that holds each request open until the test releases it. */
function heldWms() {
  const requests: OutboundRequest[] = [];
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  let release!: (outcome: Outcome) => void;
  const answer = new Promise<Outcome>((resolve) => (release = resolve));
  const send: Send = async (request) => {
    requests.push(request);
    arrived();
    return answer;
  };
  return { send, requests, firstArrived, release };
}

describe("the window closing while a send is in flight", () => {
  it("does not skip, release or let a person re-send the record; the accepted send delivers it, with no skipped alert", async () => {
    const world = await makeWorld(database.db, t0);
    const { order, delivery } = await world.addOrder();
    const giveUpAt = at(15 * DAY);
    await database.db
      .update(deliveries)
      .set({ status: "retrying", attempts: 359, firstFailureAt: t0, giveUpAt, nextAttemptAt: at(15 * DAY - 60_000) })
      .where(eq(deliveries.id, delivery.id));

    // The last hourly try starts a minute before the window closes, and the WMS holds the request open.
    const wms = heldWms();
    const job = runJobOnce(retryOrders, { db: database.db, now: at(15 * DAY - 30_000), send: wms.send, owner: "worker-a", log: () => {} });
    await wms.firstArrived;

    // The minute job's skip step runs after the window closed, and a person presses Resend.
    const after = at(15 * DAY + 60_000);
    expect(await skipExpiredDeliveries(database.db, after)).toBe(0);
    const held = (await database.db.select().from(deliveries).where(eq(deliveries.id, delivery.id)))[0]!;
    expect(held).toMatchObject({ status: "retrying", leaseOwner: "worker-a" });
    await expect(
      resendOrder(
        { db: database.db, scope: world.scope, now: after, send: wms.send, actor: { type: "system", name: "test" }, owner: "person" },
        { orderId: order.id },
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(wms.requests).toHaveLength(1);

    wms.release(OK);
    await job;
    const [final] = await database.db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
    expect(final).toMatchObject({ status: "succeeded", leaseOwner: null });
    expect((await database.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).not.toBe("skipped");
    expect((await alertsOf(database.db, delivery.id)).filter((a) => a.kind === "record_skipped")).toEqual([]);
    expect(wms.requests).toHaveLength(1);
  });

  it("skips the record once its owner's lease has expired (the owner died mid-send)", async () => {
    const world = await makeWorld(database.db, t0);
    const { delivery } = await world.addOrder();
    const giveUpAt = at(15 * DAY);
    await database.db
      .update(deliveries)
      .set({
        status: "retrying",
        attempts: 359,
        firstFailureAt: t0,
        giveUpAt,
        leaseOwner: "dead-worker",
        leaseExpiresAt: at(15 * DAY + 120_000),
      })
      .where(eq(deliveries.id, delivery.id));
    expect(await skipExpiredDeliveries(database.db, at(15 * DAY + 60_000))).toBe(0);
    expect(await skipExpiredDeliveries(database.db, at(15 * DAY + 120_000))).toBe(1);
    const [skipped] = await database.db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
    expect(skipped).toMatchObject({ status: "skipped", leaseOwner: null });
    expect((await alertsOf(database.db, delivery.id)).map((a) => a.kind)).toEqual(["record_skipped"]);
  });
});
