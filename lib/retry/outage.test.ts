import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { alerts, connections, deliveries } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { DOWN, OK, eventsOf, makeWorld, scriptedSender } from "../testing/world";
import { processConnection } from "./process-connection";

const HOUR = 3_600_000;
const t0 = new Date("2026-11-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

it("an outage opens one alert, probes one record per cycle, then drains the backlog oldest first and resolves", async () => {
  const { db } = database;
  const world = await makeWorld(db, t0);
  const made = [];
  for (let i = 0; i < 30; i++) made.push(await world.addOrder());
  let up = false;
  const wms = scriptedSender(() => (up ? OK : DOWN));
  const sleeps: number[] = [];
  const run = (now: Date) =>
    processConnection(
      { db, now, send: wms.send, owner: "w" },
      { connectionId: world.wms.id, mode: "retry", sleep: async (ms) => void sleeps.push(ms) },
    );

  // Cycle 1: five failures in a row mark the WMS down; the other 25 are not attempted.
  const first = await run(t0);
  expect(first).toMatchObject({ attempted: 5, failed: 5 });
  const [conn] = await db.select().from(connections).where(eq(connections.id, world.wms.id));
  expect(conn!.downSince).toEqual(t0);
  const outage = await db.select().from(alerts).where(eq(alerts.kind, "connection_down"));
  expect(outage).toHaveLength(1);
  expect(outage[0]).toMatchObject({ state: "open", connectionId: world.wms.id });

  // Cycles 2 and 3: still down, one probe each; still one outage alert.
  expect(await run(at(HOUR))).toMatchObject({ attempted: 1, probed: true });
  expect(await run(at(2 * HOUR))).toMatchObject({ attempted: 1, probed: true });
  expect(wms.requests).toHaveLength(7);
  expect(await db.select().from(alerts).where(eq(alerts.kind, "connection_down"))).toHaveLength(1);

  // Cycle 4: the WMS is back; the probe succeeds and all 30 go out, oldest first, at a bounded rate.
  up = true;
  const recovery = await run(at(3 * HOUR));
  expect(recovery).toMatchObject({ probed: true, succeeded: 30, failed: 0 });
  const sentOrder = wms.requests.slice(7).map((r) => r.idempotencyKey);
  const oldestFirst = [...made].sort((a, b) => a.delivery.id - b.delivery.id).map((m) => `fixline:order_to_wms:${m.delivery.id}:v1`);
  expect(new Set(sentOrder)).toEqual(new Set(oldestFirst));
  expect(sentOrder.slice(0, 2)).toEqual(oldestFirst.slice(0, 2));
  expect(sleeps).toHaveLength(29);
  expect(sleeps.every((ms) => ms === 50)).toBe(true);

  const [resolved] = await db.select().from(alerts).where(eq(alerts.kind, "connection_down"));
  expect(resolved!.state).toBe("resolved");
  expect((await eventsOf(db, resolved!.id)).map((e) => e.type)).toEqual(["raised", "retry_failed", "retry_failed", "resolved"]);
  const [after] = await db.select().from(connections).where(eq(connections.id, world.wms.id));
  expect(after).toMatchObject({ downSince: null, consecutiveTransientFailures: 0 });
  const open = await db.select().from(alerts).where(eq(alerts.state, "open"));
  expect(open).toHaveLength(0);
  expect((await db.select().from(deliveries)).every((d) => d.status === "succeeded")).toBe(true);
});

it("a refusal is an answer: other 4xx do not count toward an outage", async () => {
  const world = await makeWorld(database.db, t0);
  for (let i = 0; i < 8; i++) await world.addOrder();
  const wms = scriptedSender(() => ({ kind: "rejected", status: 409, code: "duplicate_reference", message: "Duplicate" }));
  const summary = await processConnection(
    { db: database.db, now: t0, send: wms.send, owner: "w" },
    { connectionId: world.wms.id, mode: "retry" },
  );
  expect(summary).toMatchObject({ attempted: 8, failed: 8 });
  expect(await database.db.select().from(alerts).where(eq(alerts.kind, "connection_down"))).toHaveLength(0);
});
