import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { claimDueDeliveries, dueRecords, type ClaimFilter } from "./claim";

const t0 = new Date("2026-11-01T00:00:00Z");
const MIN = 60_000;
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

it("reads the claim index in claim order instead of sorting every due record", async () => {
  const filter: ClaimFilter = { connectionId: 1, kinds: ["order_to_wms"], statuses: ["retrying", "pending"] };
  const query = dueRecords(database.db, filter, { now: t0, leaseNow: t0 }).limit(64).toSQL();
  const plan = await database.client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.params as never });
  const steps = plan.rows.map((r) => String(r.detail));
  expect(steps.join("\n")).toMatch(/USING INDEX deliveries_claim_idx/);
  expect(steps.join("\n")).not.toMatch(/TEMP B-TREE/);
});

it("claims oldest first, past records sent, leased elsewhere or not yet due, batch after batch", async () => {
  const { db } = database;
  const world = await makeWorld(db, t0);
  const made = [];
  for (let i = 0; i < 12; i++) made.push((await world.addOrder()).delivery);
  const ids = made.map((d) => d.id);
  await db
    .update(deliveries)
    .set({ status: "succeeded" })
    .where(inArray(deliveries.id, ids.slice(0, 3)));
  await db
    .update(deliveries)
    .set({ leaseOwner: "other", leaseExpiresAt: new Date(t0.getTime() + 5 * MIN) })
    .where(eq(deliveries.id, ids[3]!));
  await db
    .update(deliveries)
    .set({ status: "retrying", nextAttemptAt: new Date(t0.getTime() + 60 * MIN) })
    .where(eq(deliveries.id, ids[4]!));
  await db.update(deliveries).set({ status: "held" }).where(eq(deliveries.id, ids[5]!));
  const filter: ClaimFilter = { connectionId: world.wms.id, kinds: ["order_to_wms"], statuses: ["retrying", "pending"] };
  const claim = async () =>
    (await claimDueDeliveries(db, filter, { now: t0, leaseNow: t0, leaseMs: 5 * MIN, owner: "me", limit: 4 })).map((d) => d.id);
  expect(await claim()).toEqual(ids.slice(6, 10));
  expect(await claim()).toEqual(ids.slice(10, 12));
  expect(await claim()).toEqual([]);
});
