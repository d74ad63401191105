import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { alerts, connections, deliveries, orders } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { DOWN, OK, alertsOf, eventsOf, makeWorld, scriptedSender } from "../testing/world";
import { SYSTEM } from "./actor";
import { makeAttempt, planAttempt, type FinishedAttempt } from "./make-attempt";
import { loadTargets } from "./load-target";
import { DEFAULT_RETRY_SETTINGS } from "./policy";
import { processConnection } from "./process-connection";
import { recordAttempts } from "./record-attempts";
import { resetSendGates } from "./send-gate";

const t0 = new Date("2026-11-01T00:00:00Z");
const ctx = { now: t0, actor: SYSTEM, settings: DEFAULT_RETRY_SETTINGS };
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

/** Finished attempts of `count` new orders, answered in turn by `answers`. */
async function finished(world: Awaited<ReturnType<typeof makeWorld>>, answers: Outcome[]): Promise<FinishedAttempt[]> {
  const made = [];
  for (let i = 0; i < answers.length; i++) made.push((await world.addOrder()).delivery);
  const targets = await loadTargets(database.db, made);
  const sender = scriptedSender((_, call) => answers[call - 1]!);
  const attempts: FinishedAttempt[] = [];
  // Each attempt as if no other came before it: the send gate (tested in outage-threshold.test.ts) would
  // hold back the ones after five failures, which this file records.
  for (const d of made) {
    resetSendGates();
    attempts.push((await makeAttempt(planAttempt(targets.get(d.id)!), sender.send, DEFAULT_RETRY_SETTINGS))!);
  }
  return attempts;
}

it("writes a run of successes together: each record with what it sent, its order at the WMS, its open alert resolved with a history line", async () => {
  const { db } = database;
  const world = await makeWorld(db, t0);
  const attempts = await finished(world, [OK, OK, OK]);
  // The second record had failed before: it has an open alert, which this success resolves (docs/rules.md#r4).
  const second = attempts[1]!.target.delivery;
  await db.update(deliveries).set({ status: "retrying", attempts: 2 }).where(eq(deliveries.id, second.id));
  await db.insert(alerts).values({
    accountId: world.merchant.id,
    kind: "order_send_failed",
    deliveryId: second.id,
    message: "503",
    dedupeKey: `delivery:${second.id}:order_send_failed`,
    firstSeenAt: t0,
    lastSeenAt: t0,
  });
  attempts[1]!.target.delivery.attempts = 2;

  const down = await db.transaction((tx) =>
    recordAttempts(
      tx,
      attempts.map((attempt) => ({ attempt })),
      ctx,
    ),
  );
  expect(down).toEqual([false, false, false]);
  const records = await db.select().from(deliveries).orderBy(deliveries.id);
  expect(records.map((r) => [r.status, r.attempts, r.leaseOwner, r.lastHttpStatus])).toEqual([
    ["succeeded", 1, null, 200],
    ["succeeded", 3, null, 200],
    ["succeeded", 1, null, 200],
  ]);
  expect(records[0]!.payload).toMatchObject({
    orderNumber: attempts[0]!.target.order!.orderNumber,
    shipMethod: { carrier: "USPS", serviceCode: "usps_ground" },
  });
  expect((await db.select().from(orders)).every((o) => o.status === "at_wms")).toBe(true);
  const [alert] = await alertsOf(db, second.id);
  expect(alert).toMatchObject({ state: "resolved", resolvedAt: t0 });
  expect((await eventsOf(db, alert!.id)).map((e) => e.detail)).toEqual(["Resolved automatically: attempt 3 was accepted by Test WMS."]);
});

it("counts transient failures in the order they came, across the successes between them, and says when the connection went down", async () => {
  const { db } = database;
  const world = await makeWorld(db, t0);
  const answers = [DOWN, DOWN, OK, DOWN, DOWN, DOWN, DOWN, DOWN, OK];
  const attempts = await finished(world, answers);
  // Two failures, an answer (back to 0), five failures in a row (down at the fifth), then an answer (up again).
  const down = await db.transaction((tx) =>
    recordAttempts(
      tx,
      attempts.map((attempt) => ({ attempt })),
      ctx,
    ),
  );
  expect(down).toEqual([false, false, false, false, false, false, false, true, false]);
  const [wms] = await db.select().from(connections).where(eq(connections.id, world.wms.id));
  expect(wms).toMatchObject({ consecutiveTransientFailures: 0, downSince: null });
  const [outage] = await db.select().from(alerts).where(eq(alerts.kind, "connection_down"));
  expect(outage).toMatchObject({ state: "resolved" });
});

it("a connection's transient failures after its successes leave it counting, not reset by the successes written later", async () => {
  const { db } = database;
  const world = await makeWorld(db, t0);
  const attempts = await finished(world, [OK, OK, DOWN, DOWN]);
  await db.transaction((tx) =>
    recordAttempts(
      tx,
      attempts.map((attempt) => ({ attempt })),
      ctx,
    ),
  );
  const [wms] = await db.select().from(connections).where(eq(connections.id, world.wms.id));
  expect(wms!.consecutiveTransientFailures).toBe(2);
  const statuses = (await db.select().from(deliveries).orderBy(deliveries.id)).map((d) => d.status);
  expect(statuses).toEqual(["succeeded", "succeeded", "retrying", "retrying"]);
});

it("the engine keeps several attempts of a connection in flight, at most sendConcurrency, and each record goes out once", async () => {
  const { db } = database;
  const world = await makeWorld(db, t0);
  for (let i = 0; i < 150; i++) await world.addOrder();
  let running = 0;
  let most = 0;
  const keys: string[] = [];
  const send = async (request: { idempotencyKey: string }): Promise<Outcome> => {
    keys.push(request.idempotencyKey);
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, 3));
    running--;
    return OK;
  };
  // The outage threshold also bounds what is in flight (send-gate.ts): here it is above the window's maximum.
  const settings = { ...DEFAULT_RETRY_SETTINGS, sendConcurrency: 6, outageThreshold: 8, batchSize: 40 };
  const summary = await processConnection({ db, now: t0, send, owner: "w", settings }, { connectionId: world.wms.id, mode: "retry" });
  expect(summary).toMatchObject({ attempted: 150, succeeded: 150 });
  expect(most).toBe(6);
  expect(new Set(keys).size).toBe(150);
  expect(keys).toHaveLength(150);
  const records = await db.select().from(deliveries);
  expect(records.every((d) => d.status === "succeeded" && d.leaseOwner === null)).toBe(true);
});
