import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionChanges, connections, deliveries } from "@/db/schema";
import { retryOrders } from "@/jobs/retry-orders";
import { syncConnections } from "@/jobs/sync-connections";
import { runJobOnce } from "@/jobs/types";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { resendOrder } from "../retry/resend-order";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { DOWN, OK, makeWorld, scriptedSender } from "../testing/world";
import { listConnectionChanges, pauseConnection, resumeConnection, updateConnectionSettings } from "./connections";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const t0 = new Date("2030-11-04T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.cleanup());

const valid = { syncIntervalMinutes: 30, endpointUrl: "https://wms.example.test/v2", credential: "" };

async function setUp() {
  const world = await makeWorld(database.db, t0);
  const admin = await addUser(database.db, world.warehouse.id, "Wren Admin", "admin");
  const member = await addUser(database.db, world.warehouse.id, "Moss Member", "member");
  const actor = (u: { user: { id: string } }) => ({ type: "user" as const, userId: u.user.id });
  return { world, admin, member, actor };
}
const connectionRow = async (id: number) => (await database.db.select().from(connections).where(eq(connections.id, id)))[0]!;

describe("changing a connection's settings", () => {
  it("saves the interval, endpoint and credential, records who changed what (never the credential), and the next attempt uses them", async () => {
    const { world, admin, actor } = await setUp();
    await world.addOrder();
    const result = await updateConnectionSettings(
      { db: database.db, scope: admin.scope, actor: actor(admin), now: t0 },
      { connectionId: world.wms.id, settings: { ...valid, credential: "new-secret-token" } },
    );
    expect(result).toEqual({ changed: 3 });
    expect(await connectionRow(world.wms.id)).toMatchObject({
      syncIntervalMinutes: 30,
      endpointUrl: "https://wms.example.test/v2",
      credential: "new-secret-token",
    });
    const changes = (await listConnectionChanges(database.db, admin.scope)).get(world.wms.id)!;
    expect(changes.map((c) => c.detail).sort()).toEqual([
      "Credential replaced.",
      "Endpoint URL: http://127.0.0.1:9/wms → https://wms.example.test/v2.",
      "Sync interval: every 15 min → every 30 min.",
    ]);
    expect(changes.every((c) => c.actorName === "Wren Admin")).toBe(true);
    expect(JSON.stringify(changes)).not.toContain("new-secret-token");

    const wms = scriptedSender(() => OK);
    await runJobOnce(retryOrders, { db: database.db, now: t0, send: wms.send, owner: "w", log: () => {} });
    expect(wms.requests[0]).toMatchObject({ endpointUrl: "https://wms.example.test/v2", credential: "new-secret-token" });
  });

  it("an empty credential keeps the current one; saving nothing new records nothing", async () => {
    const { world, admin, actor } = await setUp();
    const same = { syncIntervalMinutes: 15, endpointUrl: world.wms.endpointUrl, credential: "" };
    expect(
      await updateConnectionSettings(
        { db: database.db, scope: admin.scope, actor: actor(admin), now: t0 },
        { connectionId: world.wms.id, settings: same },
      ),
    ).toEqual({ changed: 0 });
    expect((await connectionRow(world.wms.id)).credential).toBe("secret");
    expect(await database.db.select().from(connectionChanges)).toEqual([]);
  });

  it.each([
    [{ syncIntervalMinutes: 2 }, "syncIntervalMinutes", "Sync at most every 5 minutes."],
    [{ syncIntervalMinutes: 2000 }, "syncIntervalMinutes", "Sync at least once a day (1440 minutes)."],
    [{ syncIntervalMinutes: "soon" }, "syncIntervalMinutes", "Enter the sync interval in minutes."],
    [{ endpointUrl: "ftp://wms.example.test" }, "endpointUrl", /http:\/\/ or https:\/\//],
    [{ endpointUrl: "https://user:pw@wms.example.test" }, "endpointUrl", /without a user name or password/],
    [{ credential: "short" }, "credential", /at least 8 characters/],
  ])("refuses %o, says why at the field, and changes nothing", async (bad, field, message) => {
    const { world, admin, actor } = await setUp();
    const before = await connectionRow(world.wms.id);
    const attempt = updateConnectionSettings(
      { db: database.db, scope: admin.scope, actor: actor(admin), now: t0 },
      { connectionId: world.wms.id, settings: { ...valid, ...bad } },
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: ValidationError) => e)) as ValidationError;
    expect(error.fields[field]).toMatch(message);
    expect(await connectionRow(world.wms.id)).toEqual(before);
  });

  it("a member is refused and another tenant's connection is not found; nothing changes", async () => {
    const { world, member, actor } = await setUp();
    const before = await connectionRow(world.wms.id);
    await expect(
      updateConnectionSettings(
        { db: database.db, scope: member.scope, actor: actor(member), now: t0 },
        { connectionId: world.wms.id, settings: valid },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      pauseConnection({ db: database.db, scope: member.scope, actor: actor(member), now: t0 }, { connectionId: world.wms.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const other = await makeWorld(database.db, t0);
    const stranger = await addUser(database.db, other.warehouse.id, "Other Admin", "admin");
    await expect(
      updateConnectionSettings(
        { db: database.db, scope: stranger.scope, actor: actor(stranger), now: t0 },
        { connectionId: world.wms.id, settings: valid },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await connectionRow(world.wms.id)).toEqual(before);
  });
});

describe("a paused connection", () => {
  it("is neither sent to, probed nor skipped; a resend is refused; resuming moves its windows on by the pause and sends what waits", async () => {
    const { world, admin, actor } = await setUp();
    const { order, delivery } = await world.addOrder();
    const failing = scriptedSender(() => DOWN);
    await runJobOnce(retryOrders, { db: database.db, now: t0, send: failing.send, owner: "w", log: () => {} });
    const failed = (await database.db.select().from(deliveries).where(eq(deliveries.id, delivery.id)))[0]!;
    expect(failed.giveUpAt).toEqual(at(15 * DAY));

    await pauseConnection({ db: database.db, scope: admin.scope, actor: actor(admin), now: at(MIN) }, { connectionId: world.wms.id });
    await expect(
      pauseConnection({ db: database.db, scope: admin.scope, actor: actor(admin), now: at(MIN) }, { connectionId: world.wms.id }),
    ).rejects.toBeInstanceOf(ConflictError);
    const wms = scriptedSender(() => OK);
    // Past the record's give-up time: a paused connection's record is not skipped, and nothing is sent.
    for (const now of [at(2 * 60 * MIN), at(16 * DAY)]) {
      for (const job of [retryOrders, syncConnections])
        await runJobOnce(job, { db: database.db, now, send: wms.send, owner: "w", log: () => {} });
    }
    expect(wms.requests).toHaveLength(0);
    expect((await database.db.select().from(deliveries).where(eq(deliveries.id, delivery.id)))[0]).toMatchObject({ status: "retrying" });
    const refused = resendOrder(
      { db: database.db, scope: admin.scope, now: at(16 * DAY), send: wms.send, actor: actor(admin), owner: "web" },
      { orderId: order.id, seenVersion: 1 },
    );
    await expect(refused).rejects.toThrow(/Test WMS is paused \(since .*\): nothing was sent/);

    await resumeConnection({ db: database.db, scope: admin.scope, actor: actor(admin), now: at(16 * DAY) }, { connectionId: world.wms.id });
    const resumed = (await database.db.select().from(deliveries).where(eq(deliveries.id, delivery.id)))[0]!;
    expect(resumed.giveUpAt).toEqual(at(15 * DAY + 16 * DAY - MIN));
    await runJobOnce(retryOrders, { db: database.db, now: at(16 * DAY), send: wms.send, owner: "w", log: () => {} });
    expect(wms.requests).toHaveLength(1);
    const history = (await listConnectionChanges(database.db, admin.scope)).get(world.wms.id)!.map((c) => c.detail);
    expect(history[0]).toMatch(/^Resumed after 23039 min paused/);
    expect(history[1]).toBe("Paused: nothing is sent to it.");
  });
});
