import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alerts, connections, deliveries, errorRules } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import type { CoreContext } from "../core/context";
import { processConnection } from "../retry/process-connection";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { eventsOf, makeWorld, scriptedSender } from "../testing/world";
import { deleteErrorRule, previewErrorRule, saveErrorRule } from "./error-rules";
import { unrecognisedMessages } from "./list-error-library";

const NOW = new Date("2026-11-26T12:00:00Z");
const LATER = new Date("2026-11-26T12:10:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

/** Four orders failing on a WMS: two with an error the library does not know, two with a 503. */
async function setUp() {
  const db = database.db;
  const world = await makeWorld(db, NOW);
  await db.update(connections).set({ platform: "Manhattan WMS" }).where(eq(connections.id, world.wms.id));
  const orders = [];
  for (let i = 0; i < 4; i++) orders.push(await world.addOrder());
  const answers: Outcome[] = [
    { kind: "rejected", status: 409, code: "wave_locked", message: "Order is locked by wave W-1 (pick in progress)" },
    { kind: "rejected", status: 409, code: "wave_locked", message: "Order is locked by wave W-2 (pick in progress)" },
    { kind: "transient", status: 503, code: null, message: "503 Service Unavailable", retryAfterMs: null },
    { kind: "transient", status: 503, code: null, message: "503 Service Unavailable", retryAfterMs: null },
  ];
  const wms = scriptedSender((_r, call) => answers[(call - 1) % 4]!);
  await processConnection({ db, now: NOW, send: wms.send, owner: "test" }, { connectionId: world.wms.id, mode: "retry" });
  const maya = await addUser(db, world.warehouse.id, "Maya", "admin");
  const sam = await addUser(db, world.merchant.id, "Sam", "admin");
  const ctx = (user: typeof maya): CoreContext => ({
    db,
    scope: user.scope,
    now: LATER,
    send: wms.send,
    owner: "web:test",
    actor: { type: "user", userId: user.user.id },
  });
  return { world, orders, maya, sam, ctx };
}

const RULE = { messageContains: "is locked by wave", treatAs: "needs_person" as const };

describe("R6: a warehouse admin teaches the library (docs/error-library.md#rules)", () => {
  it("lists the messages nothing recognises, the most frequent first", async () => {
    const { maya, ctx } = await setUp();
    const unknown = await unrecognisedMessages(ctx(maya));
    expect(unknown.map((u) => u.errorCode)).toEqual(["wave_locked", "wave_locked"]);
  });

  it("a rule changes exactly the open alerts its preview listed, at once, and says who made it", async () => {
    const { maya, ctx } = await setUp();
    const preview = await previewErrorRule(ctx(maya), RULE);
    expect(preview.count).toBe(2);
    const before = await database.db.select().from(alerts).orderBy(alerts.id);
    const { changed } = await saveErrorRule(ctx(maya), RULE);
    expect(changed).toBe(2);
    const after = await database.db.select().from(alerts).orderBy(alerts.id);
    const changedIds = after.filter((a, i) => a.needsPerson !== before[i]!.needsPerson).map((a) => a.id);
    expect(changedIds.sort()).toEqual(preview.alerts.map((a) => a.id).sort());
    for (const id of changedIds) {
      const [alert] = await database.db.select().from(alerts).where(eq(alerts.id, id));
      const [record] = await database.db.select().from(deliveries).where(eq(deliveries.id, alert!.deliveryId!));
      expect(record!.status).toBe("held");
      expect((await eventsOf(database.db, id)).at(-1)).toMatchObject({ type: "edited", actorUserId: maya.user.id });
    }
    expect(await unrecognisedMessages(ctx(maya))).toEqual([]);
    const [rule] = await database.db.select().from(errorRules);
    expect(rule).toMatchObject({ createdByUserId: maya.user.id, treatAs: "needs_person" });
  });

  it("previews only what it would change: not a skipped record's alert, nor one already treated so", async () => {
    const { maya, ctx } = await setUp();
    const [first] = (await previewErrorRule(ctx(maya), RULE)).alerts;
    await database.db.update(alerts).set({ kind: "record_skipped", needsPerson: true }).where(eq(alerts.id, first!.id));
    expect((await previewErrorRule(ctx(maya), RULE)).count).toBe(1);
    await saveErrorRule(ctx(maya), RULE);
    expect((await previewErrorRule(ctx(maya), RULE)).count).toBe(0);
    expect((await previewErrorRule(ctx(maya), { ...RULE, treatAs: "retryable" })).count).toBe(1);
  });

  it("T2: a merchant user sees explanations but cannot make, preview or remove warehouse rules", async () => {
    const { sam, maya, ctx } = await setUp();
    await expect(saveErrorRule(ctx(sam), RULE)).rejects.toMatchObject({ code: "forbidden" });
    await expect(previewErrorRule(ctx(sam), RULE)).rejects.toMatchObject({ code: "forbidden" });
    expect(await database.db.select().from(errorRules)).toEqual([]);
    const { rule } = await saveErrorRule(ctx(maya), RULE);
    await expect(deleteErrorRule(ctx(sam), { ruleId: rule.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await database.db.select().from(errorRules)).toHaveLength(1);
  });

  it("refuses a rule without a condition, changing nothing", async () => {
    const { maya, ctx } = await setUp();
    await expect(saveErrorRule(ctx(maya), { treatAs: "retryable" })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await database.db.select().from(errorRules)).toEqual([]);
  });
});
