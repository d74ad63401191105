import { and, eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alerts, connections, deliveries, orders } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import type { OutboundRequest } from "../connectors/send";
import type { CoreContext } from "../core/context";
import { ForbiddenError, ValidationError } from "../errors";
import { noteConnectionHealth } from "../retry/connection-health";
import { processConnection } from "../retry/process-connection";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { eventsOf, makeWorld, OK, scriptedSender } from "../testing/world";
import { retrySettings } from "../core/context";
import { correctRegionCode } from "./correct-region-code";
import { previewErrorRule, saveErrorRule } from "./error-rules";
import { listHeldGroups } from "./held-groups";
import { renewCredential } from "./renew-credential";

const NOW = new Date("2026-11-26T12:00:00Z");
const LATER = new Date("2026-11-26T12:10:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

const regionOf = (request: OutboundRequest) => (request.payload as { shipTo: { region?: string } }).shipTo.region;

async function setUp(answer: (request: OutboundRequest) => Outcome) {
  const db = database.db;
  const world = await makeWorld(db, NOW);
  const wms = scriptedSender(answer);
  const maya = await addUser(db, world.warehouse.id, "Maya", "admin");
  const sam = await addUser(db, world.merchant.id, "Sam", "member");
  const ctx = (user: typeof maya, now = LATER): CoreContext => ({
    db,
    scope: user.scope,
    now,
    send: wms.send,
    owner: `web:test:${now.getTime()}`,
    actor: { type: "user", userId: user.user.id },
  });
  const sweep = () => processConnection({ db, now: NOW, send: wms.send, owner: "test" }, { connectionId: world.wms.id, mode: "retry" });
  return { world, wms, maya, sam, ctx, sweep };
}

describe("fix once, release all: a ship-to code the WMS does not know (docs/error-library.md#group-fixes)", () => {
  const refuseZZ = (request: OutboundRequest): Outcome =>
    regionOf(request) === "ZZ"
      ? {
          kind: "rejected",
          status: 422,
          code: "address_invalid",
          message: "Invalid ShipTo.State 'ZZ': not a recognized US state or territory code.",
        }
      : OK;

  async function threeHeldOnZZ() {
    const s = await setUp(refuseZZ);
    const held = [];
    for (let i = 0; i < 3; i++) {
      const { order } = await s.world.addOrder();
      await database.db
        .update(orders)
        .set({ shipTo: { ...order.shipTo, region: "ZZ" } })
        .where(eq(orders.id, order.id));
      held.push(order);
    }
    await s.world.addOrder(); // a good one, sent at the first try
    await s.sweep();
    return { ...s, held };
  }

  it("groups the held orders by the code, one card for all of them", async () => {
    const { sam, maya, ctx } = await threeHeldOnZZ();
    for (const who of [maya, sam])
      expect((await listHeldGroups(ctx(who))).regions).toMatchObject([{ code: "ZZ", orders: 3, merchants: ["Test Merchant"] }]);
  });

  it("one correction sends every held order once, with the corrected address as a new version", async () => {
    const { sam, held, wms, ctx } = await threeHeldOnZZ();
    const before = wms.requests.length;
    const result = await correctRegionCode(ctx(sam), { code: "zz", replacement: "tx" });
    expect(result).toMatchObject({ sent: 3, failing: 0, held: 0, busy: 0, refused: [] });
    const sent = wms.requests.slice(before);
    expect(sent.map(regionOf)).toEqual(["TX", "TX", "TX"]);
    expect(sent.every((r) => r.idempotencyKey.endsWith(":v2"))).toBe(true);
    for (const order of held) {
      const [row] = await database.db.select().from(orders).where(eq(orders.id, order.id));
      expect(row).toMatchObject({ status: "at_wms", payloadVersion: 2, shipTo: { region: "TX", city: "Austin" } });
      const [alert] = await database.db.select().from(alerts).where(eq(alerts.orderId, order.id));
      expect(alert!.state).toBe("resolved");
      expect((await eventsOf(database.db, alert!.id)).map((e) => e.detail)).toContain("Edited the ship-to address: code ZZ → TX.");
    }
    expect((await listHeldGroups(ctx(sam))).regions).toEqual([]);
  });

  it("an order a worker holds is left to it, and one that the correction would make invalid is not touched", async () => {
    const { sam, held, wms, ctx } = await threeHeldOnZZ();
    const [busy, invalid] = held;
    await database.db
      .update(deliveries)
      .set({ leaseOwner: "worker", leaseExpiresAt: new Date(LATER.getTime() + 60_000) })
      .where(eq(deliveries.orderId, busy!.id));
    // This one's postal code is not a US one either: corrected, its address would still be refused.
    await database.db
      .update(orders)
      .set({ shipTo: { ...invalid!.shipTo, region: "ZZ", postalCode: "ABC" } })
      .where(eq(orders.id, invalid!.id));
    const before = wms.requests.length;
    const result = await correctRegionCode(ctx(sam), { code: "ZZ", replacement: "TX" });
    expect(result).toMatchObject({ sent: 1, busy: 1 });
    expect(result.refused).toEqual([
      {
        orderId: invalid!.id,
        orderNumber: invalid!.orderNumber,
        message: "Postal code 'ABC' is not valid for US (e.g. 94105 or 94105-1234).",
      },
    ]);
    expect(wms.requests.length - before).toBe(1);
    const [untouched] = await database.db.select().from(orders).where(eq(orders.id, invalid!.id));
    expect(untouched).toMatchObject({ payloadVersion: 1, status: "held", shipTo: { region: "ZZ" } });
  });

  it("refuses a bad code inline and changes nothing; another tenant sees no group and releases nothing", async () => {
    const { sam, ctx, wms, world } = await threeHeldOnZZ();
    await expect(correctRegionCode(ctx(sam), { code: "ZZ", replacement: "Texas" })).rejects.toBeInstanceOf(ValidationError);
    await expect(correctRegionCode(ctx(sam), { code: "ZZ", replacement: "ZZ" })).rejects.toBeInstanceOf(ValidationError);
    const other = await makeWorld(database.db, NOW);
    const stranger = await addUser(database.db, other.merchant.id, "Stranger", "admin");
    expect((await listHeldGroups(ctx(stranger))).regions).toEqual([]);
    const before = wms.requests.length;
    expect(await correctRegionCode(ctx(stranger), { code: "ZZ", replacement: "TX" })).toMatchObject({ sent: 0, results: [] });
    expect(wms.requests.length).toBe(before);
    const still = await database.db
      .select()
      .from(orders)
      .where(and(eq(orders.accountId, world.merchant.id), eq(orders.status, "held")));
    expect(still).toHaveLength(3);
  });
});

describe("fix once, release all: a refused credential (docs/error-library.md#group-fixes)", () => {
  const accepted = "new-credential-1";
  const byCredential = (request: OutboundRequest): Outcome =>
    request.credential === accepted ? OK : { kind: "rejected", status: 401, code: "unauthorized", message: "Missing bearer credential." };

  async function downOn401() {
    const s = await setUp(byCredential);
    for (let i = 0; i < 4; i++) await s.world.addOrder();
    await s.sweep();
    return s;
  }

  it("a 401 marks the connection down at once; its card counts every record waiting", async () => {
    const { maya, ctx, world } = await downOn401();
    const [wms] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(wms!.downSince).not.toBeNull();
    expect((await listHeldGroups(ctx(maya))).credentials).toMatchObject([
      { connectionId: world.wms.id, waiting: 4, merchantName: "Test Merchant" },
    ]);
  });

  it("a new credential probes at once and sends the whole backlog; the outage resolves", async () => {
    const { maya, ctx, world, wms } = await downOn401();
    const before = wms.requests.length;
    const result = await renewCredential(ctx(maya), { connectionId: world.wms.id, credential: accepted });
    expect(result).toMatchObject({ waiting: 4, stillDown: false, run: { succeeded: 4, failed: 0 } });
    expect(wms.requests.slice(before).every((r) => r.credential === accepted)).toBe(true);
    expect(new Set(wms.requests.slice(before).map((r) => r.idempotencyKey)).size).toBe(4);
    const open = await database.db.select().from(alerts).where(eq(alerts.state, "open"));
    expect(open).toEqual([]);
    expect((await listHeldGroups(ctx(maya))).credentials).toEqual([]);
  });

  it("with nothing waiting, a new credential is saved untried: no probe is sent and the connection stays down", async () => {
    const { maya, ctx, world, wms } = await downOn401();
    // Every waiting record skipped by a person: nothing is left to probe with.
    await database.db
      .update(deliveries)
      .set({ status: "skipped", nextAttemptAt: null })
      .where(and(eq(deliveries.connectionId, world.wms.id), inArray(deliveries.status, ["pending", "retrying"])));
    const before = wms.requests.length;
    const result = await renewCredential(ctx(maya), { connectionId: world.wms.id, credential: accepted });
    expect(result).toMatchObject({ waiting: 0, stillDown: true, run: { probed: false, attempted: 0 } });
    expect(wms.requests.length).toBe(before);
    const [row] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(row!.credential).toBe(accepted);
  });

  it("a credential still refused says so and leaves the backlog waiting, probed once", async () => {
    const { maya, ctx, world, wms } = await downOn401();
    const before = wms.requests.length;
    const result = await renewCredential(ctx(maya), { connectionId: world.wms.id, credential: "still-wrong-1" });
    expect(result).toMatchObject({ waiting: 4, stillDown: true, run: { probed: true, succeeded: 0 } });
    expect(wms.requests.length - before).toBe(1);
  });

  it("only an admin of the connection's account renews it; a short credential is refused inline", async () => {
    const { sam, maya, ctx, world, wms } = await downOn401();
    const before = wms.requests.length;
    await expect(renewCredential(ctx(sam), { connectionId: world.wms.id, credential: accepted })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(renewCredential(ctx(maya), { connectionId: world.wms.id, credential: "short" })).rejects.toBeInstanceOf(ValidationError);
    expect(wms.requests.length).toBe(before);
    const [row] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(row!.credential).toBe("secret");
  });
});

describe("a connection-problem rule marks the connection down at once (docs/error-library.md#rules)", () => {
  it("its preview names the connection; saving raises one outage alert and pauses the sends", async () => {
    const locked: Outcome = { kind: "rejected", status: 409, code: "tenant_locked", message: "Tenant is locked for billing" };
    const { maya, ctx, world, sweep } = await setUp(() => locked);
    await world.addOrder();
    await world.addOrder();
    await sweep();
    const rule = { messageContains: "locked for billing", treatAs: "connection" as const };
    const preview = await previewErrorRule(ctx(maya), rule);
    expect(preview).toMatchObject({ count: 2, connectionsDown: ["Test WMS"] });
    const { changed } = await saveErrorRule(ctx(maya), rule);
    expect(changed).toBe(2);
    const [wms] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(wms!.downSince).toEqual(LATER);
    const outages = await database.db.select().from(alerts).where(eq(alerts.kind, "connection_down"));
    expect(outages).toHaveLength(1);
    expect(outages[0]!.message).toContain("Tenant is locked for billing");
    // Saved again, it finds the connection down already: nothing more to change, no second outage.
    expect(await previewErrorRule(ctx(maya), rule)).toMatchObject({ count: 0, connectionsDown: [] });
  });

  it("a connection the engine marks down while the rule is being saved keeps its one outage and its history", async () => {
    const locked: Outcome = { kind: "rejected", status: 409, code: "tenant_locked", message: "Tenant is locked for billing" };
    const { maya, ctx, world, sweep } = await setUp(() => locked);
    await world.addOrder();
    await sweep();
    // A stand-in database that lets the engine mark the connection down on cue: after the rule's matching alerts
    // are read, before its transaction starts.
    const engineOutage = async () => {
      const [connection] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
      const outcome = {
        kind: "transient" as const,
        status: 401,
        code: null,
        message: "Unauthorized",
        retryAfterMs: null,
        connectionLevel: true as const,
      };
      await noteConnectionHealth(database.db, connection!, outcome, NOW, retrySettings({}));
    };
    let cued = false;
    const db = new Proxy(database.db, {
      get(target, key, receiver) {
        if (key !== "transaction") return Reflect.get(target, key, receiver);
        return async (...args: Parameters<typeof target.transaction>) => {
          if (!cued) {
            cued = true;
            await engineOutage();
          }
          return target.transaction(...args);
        };
      },
    });
    await saveErrorRule({ ...ctx(maya), db }, { messageContains: "locked for billing", treatAs: "connection" });
    expect(cued).toBe(true);
    const outages = await database.db.select().from(alerts).where(eq(alerts.kind, "connection_down"));
    expect(outages).toHaveLength(1);
    expect(outages[0]!.message).toContain("Unauthorized");
    const history = (await eventsOf(database.db, outages[0]!.id)).map((e) => e.detail ?? "");
    expect(history.some((line) => line.startsWith("Probe failed"))).toBe(false);
    const [wms] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(wms!.downSince).toEqual(NOW);
  });
});
