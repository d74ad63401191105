import { Cron } from "croner";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connections, deliveries } from "@/db/schema";
import { retryOrders } from "@/jobs/retry-orders";
import { syncConnections } from "@/jobs/sync-connections";
import { runJobOnce, type JobDefinition } from "@/jobs/types";
import type { Send } from "../connectors/send";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { DOWN, OK, makeWorld, scriptedSender } from "../testing/world";

// R9: a connection marked down is probed every few minutes (default 5), whatever the kind of its records and its
// sync interval, and its whole backlog goes out as soon as a probe is answered.

const MIN = 60_000;
// In the future, so that the jobs' leases follow this test's clock.
const t0 = new Date("2030-11-04T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.cleanup());

/** Runs the jobs as their crons schedule them, minute by minute from `from` to `to`. */
async function runSchedule(jobs: JobDefinition[], from: Date, to: Date, send: Send) {
  for (let t = from.getTime(); t <= to.getTime(); t += MIN) {
    const now = new Date(t);
    for (const job of jobs) {
      if (new Cron(job.cron, { timezone: "UTC", paused: true }).match(now)) {
        await runJobOnce(job, { db: database.db, now, send, owner: `${job.id}@${t}`, log: () => {} });
      }
    }
  }
}

describe("a down connection", () => {
  it("a WMS is probed every 5 minutes and, once it answers, every order it missed is sent within that probe's run", async () => {
    const world = await makeWorld(database.db, t0, { syncIntervalMinutes: 60 });
    for (let i = 0; i < 20; i++) await world.addOrder();
    const upAt = at(32 * MIN);
    const sentAt: Date[] = [];
    let clock = t0;
    const wms = scriptedSender(() => {
      sentAt.push(clock);
      return clock >= upAt ? OK : DOWN;
    });
    const send: Send = (r) => wms.send(r);
    for (let t = t0.getTime(); t <= at(45 * MIN).getTime(); t += MIN) {
      clock = new Date(t);
      await runSchedule([syncConnections, retryOrders], clock, clock, send);
    }
    const [wmsRow] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(wmsRow).toMatchObject({ downSince: null, consecutiveTransientFailures: 0 });
    // Five failures mark it down at 09:00; then one probe each 5 minutes; the one at 09:35 is answered and the
    // other 19 follow in the same run.
    const whenDown = sentAt.filter((t) => t < upAt);
    expect(whenDown.slice(5).map((t) => (t.getTime() - t0.getTime()) / MIN)).toEqual([5, 10, 15, 20, 25, 30]);
    const afterUp = sentAt.filter((t) => t >= upAt);
    expect(afterUp.every((t) => t.getTime() === at(35 * MIN).getTime())).toBe(true);
    const statuses = await database.db.select({ status: deliveries.status }).from(deliveries);
    expect(statuses.every((d) => d.status === "succeeded")).toBe(true);
  }, 60_000);

  it("a cart with a 4-hour sync is probed every 5 minutes too, and its tracking goes out when it answers", async () => {
    const world = await makeWorld(database.db, t0, { syncIntervalMinutes: 240 });
    for (let i = 0; i < 6; i++) await world.addCartDelivery("tracking_to_cart");
    let clock = t0;
    const cart = scriptedSender(() => (clock >= at(21 * MIN) ? OK : DOWN));
    for (let t = t0.getTime(); t <= at(30 * MIN).getTime(); t += MIN) {
      clock = new Date(t);
      await runSchedule([syncConnections], clock, clock, cart.send);
    }
    // 5 failures at 09:00, probes at 09:05, :10, :15, :20 (down), :25 answered, then the sixth record.
    expect(cart.requests).toHaveLength(5 + 4 + 1 + 5);
    const rows = await database.db.select({ status: deliveries.status }).from(deliveries);
    expect(rows.every((d) => d.status === "succeeded")).toBe(true);
  }, 60_000);

  it("two jobs that find it down in the same minute send one probe between them", async () => {
    const world = await makeWorld(database.db, t0);
    for (let i = 0; i < 8; i++) await world.addOrder();
    const wms = scriptedSender(() => DOWN);
    await runJobOnce(retryOrders, { db: database.db, now: t0, send: wms.send, owner: "a", log: () => {} });
    expect(wms.requests).toHaveLength(5);
    const later = at(5 * MIN);
    await Promise.all([
      runJobOnce(retryOrders, { db: database.db, now: later, send: wms.send, owner: "b", log: () => {} }),
      runJobOnce(syncConnections, { db: database.db, now: later, send: wms.send, owner: "c", log: () => {} }),
    ]);
    expect(wms.requests).toHaveLength(6);
  });
});
