import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorRules } from "@/db/schema";
import { processConnection } from "../retry/process-connection";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld, scriptedSender } from "../testing/world";
import { loadDigestGroups } from "./build-digest";

const NOW = new Date("2026-11-26T12:00:00Z");
const WINDOW = { since: new Date("2026-11-25T12:00:00Z"), until: NOW, now: NOW };

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

describe("digests explain an alert as the app's pages do: the warehouse's rules first (docs/error-library.md#rules)", () => {
  it("a line follows the rule of the merchant's warehouse, and another warehouse's rule is not applied", async () => {
    const db = database.db;
    const world = await makeWorld(db, NOW);
    const other = await makeWorld(db, NOW);
    for (const w of [world, other]) await w.addOrder();
    const wms = scriptedSender(() => ({ kind: "rejected", status: 409, code: "wave_locked", message: "Order is locked by wave W-1" }));
    for (const w of [world, other])
      await processConnection({ db, now: NOW, send: wms.send, owner: "test" }, { connectionId: w.wms.id, mode: "retry" });
    await db.insert(errorRules).values({
      warehouseId: world.warehouse.id,
      messageContains: "locked by wave",
      treatAs: "needs_person",
      note: "The order is in a wave being picked; release the wave",
      createdAt: NOW,
      updatedAt: NOW,
    });
    const groups = await loadDigestGroups(db, [world.merchant.id, other.merchant.id], WINDOW);
    const lead = (merchantId: number) => groups.get(merchantId)!.flatMap((g) => g.lines.map((l) => l.explained));
    expect(lead(world.merchant.id)).toEqual([
      expect.stringMatching(/^The order is in a wave being picked; release the wave\. Check the record in the WMS/),
    ]);
    expect(lead(other.merchant.id)).toEqual([expect.stringMatching(/^Fixline does not recognise this error/)]);
  });
});
