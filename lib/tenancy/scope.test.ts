import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, alertContacts, alerts, connections, orders, shipMethodMappings, users } from "@/db/schema";
import { DEMO_USERS } from "@/db/seed/demo-users";
import { seedDemoData } from "@/db/seed/seed-demo";
import { getAlert } from "@/lib/alerts/get-alert";
import { openNow, tabCounts } from "@/lib/alerts/alert-stats";
import { listOpenAlerts, type AlertCursor } from "@/lib/alerts/list-alerts";
import { NotFoundError } from "@/lib/errors";
import { getOrder } from "@/lib/orders/get-order";
import { listOrders } from "@/lib/orders/list-orders";
import { listAlertContacts, listConnections, listShipMethodMappings } from "@/lib/settings/list-settings";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { resolveAccountScope, resolveUserScope, type Scope } from "./scope";

const NOW = new Date("2026-11-26T12:00:00Z");

let database: TestDatabase;
let ids: { warehouse: number; ownMerchant: number; otherMerchant: number; warehouseUser: string; merchantUser: string };

beforeEach(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, NOW);
  const all = await database.db.select().from(accounts);
  const byName = (name: string) => all.find((a) => a.name === name)!.id;
  const userId = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!.id;
  const ownMerchant = byName(DEMO_USERS.merchantUser.account);
  ids = {
    warehouse: byName(DEMO_USERS.warehouseAdmin.account),
    ownMerchant,
    otherMerchant: all.find((a) => a.kind === "merchant" && a.id !== ownMerchant)!.id,
    warehouseUser: await userId(DEMO_USERS.warehouseAdmin.email),
    merchantUser: await userId(DEMO_USERS.merchantUser.email),
  };
});
afterEach(async () => {
  await database.cleanup();
});

async function openAlertIds(accountIds: number[]): Promise<number[]> {
  const rows = await database.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(inArray(alerts.accountId, accountIds), eq(alerts.state, "open")));
  return rows.map((r) => r.id);
}

async function firstAlertOf(accountId: number): Promise<number> {
  const [row] = await database.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.accountId, accountId)).limit(1);
  return row!.id;
}

async function firstOrderOf(accountId: number): Promise<number> {
  const [row] = await database.db.select({ id: orders.id }).from(orders).where(eq(orders.accountId, accountId)).limit(1);
  return row!.id;
}

/** A second warehouse nobody in the demo belongs to, with settings neither demo user may see. */
async function insertStrangerWarehouse(): Promise<number> {
  const { db } = database;
  const [stranger] = await db.insert(accounts).values({ kind: "warehouse", name: "Stranger Logistics", createdAt: NOW }).returning();
  await db.insert(shipMethodMappings).values({
    warehouseId: stranger!.id,
    cartLabel: "Stranger Ground",
    carrier: "UPS",
    serviceCode: "ups_ground",
    createdAt: NOW,
    updatedAt: NOW,
  });
  await db.insert(alertContacts).values({ accountId: stranger!.id, email: "ops@stranger.example", createdAt: NOW, updatedAt: NOW });
  return stranger!.id;
}

describe("resolveUserScope", () => {
  it("gives the warehouse admin every merchant its warehouse serves", async () => {
    const scope = await resolveUserScope(database.db, ids.warehouseUser);
    expect(scope.userId).toBe(ids.warehouseUser);
    expect(scope.merchantIds).toEqual([ids.ownMerchant, ids.otherMerchant].sort((a, b) => a - b));
    expect(scope.warehouseIds).toEqual([ids.warehouse]);
    expect(scope.accountIds).toEqual([ids.warehouse, ids.ownMerchant, ids.otherMerchant].sort((a, b) => a - b));
  });

  it("gives the merchant user its own merchant only, and the warehouse serving it for settings", async () => {
    const scope = await resolveUserScope(database.db, ids.merchantUser);
    expect(scope.merchantIds).toEqual([ids.ownMerchant]);
    expect(scope.warehouseIds).toEqual([ids.warehouse]);
    expect(scope.accountIds).toEqual([ids.ownMerchant]);
  });

  it("gives a user with no memberships nothing, and every query then finds nothing", async () => {
    const { db } = database;
    const [nobody] = await db.insert(users).values({ email: "nobody@example.com" }).returning();
    const scope = await resolveUserScope(db, nobody!.id);
    expect(scope).toMatchObject({ merchantIds: [], warehouseIds: [], accountIds: [], memberships: [] });

    expect(openNow(await tabCounts(db, scope, new Date()))).toBe(0);
    expect((await listOpenAlerts(db, scope)).rows).toEqual([]);
    expect((await listOrders(db, scope)).rows).toEqual([]);
    expect(await listConnections(db, scope)).toEqual([]);
    expect(await listShipMethodMappings(db, scope)).toEqual([]);
    expect(await listAlertContacts(db, scope)).toEqual([]);
    await expect(getAlert(db, scope, await firstAlertOf(ids.ownMerchant))).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOrder(db, scope, await firstOrderOf(ids.ownMerchant))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("resolveAccountScope", () => {
  it("acts for that merchant only, as the system", async () => {
    const scope = await resolveAccountScope(database.db, ids.otherMerchant);
    expect(scope.userId).toBeNull();
    expect(scope.merchantIds).toEqual([ids.otherMerchant]);
    expect(scope.warehouseIds).toEqual([ids.warehouse]);
    expect(openNow(await tabCounts(database.db, scope, new Date()))).toBe((await openAlertIds([ids.otherMerchant])).length);
  });
});

describe("open alerts by scope", () => {
  it("shows the merchant user its own merchant's open alerts only", async () => {
    const { db } = database;
    const scope = await resolveUserScope(db, ids.merchantUser);
    const own = await openAlertIds([ids.ownMerchant]);
    expect(own.length).toBeGreaterThan(0);
    expect(openNow(await tabCounts(db, scope, new Date()))).toBe(own.length);

    const { rows, next } = await listOpenAlerts(db, scope, { limit: 10_000 });
    expect(next).toBeNull();
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(own.sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.merchantName))).toEqual(new Set([DEMO_USERS.merchantUser.account]));
  });

  it("shows the warehouse user every open alert", async () => {
    const { db } = database;
    const scope = await resolveUserScope(db, ids.warehouseUser);
    const [all] = await db.select({ n: count() }).from(alerts).where(eq(alerts.state, "open"));
    const otherOnly = await openAlertIds([ids.otherMerchant]);
    expect(otherOnly.length).toBeGreaterThan(0);
    expect(openNow(await tabCounts(db, scope, new Date()))).toBe(all!.n);
  });

  it("pages through every open alert exactly once, newest first, with ties broken by id", async () => {
    const { db } = database;
    const scope = await resolveUserScope(db, ids.warehouseUser);
    // Ten alerts seen at the same instant: the first page boundary (7) falls inside the tie.
    const tied = (await openAlertIds(scope.merchantIds)).slice(0, 10);
    await db.update(alerts).set({ lastSeenAt: NOW }).where(inArray(alerts.id, tied));

    const seen: { id: number; lastSeenAt: number }[] = [];
    let after: AlertCursor | undefined;
    let pages = 0;
    do {
      const page = await listOpenAlerts(db, scope, { limit: 7, after });
      expect(page.rows.length).toBeLessThanOrEqual(7);
      seen.push(...page.rows.map((r) => ({ id: r.id, lastSeenAt: r.lastSeenAt.getTime() })));
      after = page.next ?? undefined;
      pages++;
    } while (after && pages < 1_000);

    const expected = await db.select({ id: alerts.id }).from(alerts).where(eq(alerts.state, "open"));
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect(seen.map((s) => s.id).sort((a, b) => a - b)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
    const sorted = [...seen].sort((a, b) => b.lastSeenAt - a.lastSeenAt || b.id - a.id);
    expect(seen).toEqual(sorted);
    expect(seen.slice(0, 10).map((s) => s.id)).toEqual([...tied].sort((a, b) => b - a));
  });
});

describe("one record by scope", () => {
  it("hides another merchant's alert from the merchant user, but not from the warehouse user", async () => {
    const { db } = database;
    const [merchantScope, warehouseScope] = await Promise.all([
      resolveUserScope(db, ids.merchantUser),
      resolveUserScope(db, ids.warehouseUser),
    ]);
    const foreign = await firstAlertOf(ids.otherMerchant);
    await expect(getAlert(db, merchantScope, foreign)).rejects.toBeInstanceOf(NotFoundError);

    const detail = await getAlert(db, warehouseScope, foreign);
    expect(detail.alert.id).toBe(foreign);
    expect(detail.alert.accountId).toBe(ids.otherMerchant);
    expect(detail.history.length).toBeGreaterThan(0);

    const own = await getAlert(db, merchantScope, await firstAlertOf(ids.ownMerchant));
    expect(own.merchantName).toBe(DEMO_USERS.merchantUser.account);
  });

  it("hides another merchant's order from the merchant user, but not from the warehouse user", async () => {
    const { db } = database;
    const [merchantScope, warehouseScope] = await Promise.all([
      resolveUserScope(db, ids.merchantUser),
      resolveUserScope(db, ids.warehouseUser),
    ]);
    const foreign = await firstOrderOf(ids.otherMerchant);
    await expect(getOrder(db, merchantScope, foreign)).rejects.toBeInstanceOf(NotFoundError);

    const detail = await getOrder(db, warehouseScope, foreign);
    expect(detail.order.id).toBe(foreign);
    expect(detail.deliveries.length).toBeGreaterThan(0);

    const own = await getOrder(db, merchantScope, await firstOrderOf(ids.ownMerchant));
    expect(own.order.accountId).toBe(ids.ownMerchant);
  });
});

describe("settings by scope", () => {
  let merchantScope: Scope;
  let warehouseScope: Scope;
  beforeEach(async () => {
    await insertStrangerWarehouse();
    merchantScope = await resolveUserScope(database.db, ids.merchantUser);
    warehouseScope = await resolveUserScope(database.db, ids.warehouseUser);
  });

  it("lists connections of the caller's merchants only", async () => {
    const { db } = database;
    const mine = await listConnections(db, merchantScope);
    expect(mine.map((c) => c.kind).sort()).toEqual(["cart", "wms"]);
    expect(new Set(mine.map((c) => c.merchantName))).toEqual(new Set([DEMO_USERS.merchantUser.account]));

    const [all] = await db.select({ n: count() }).from(connections);
    expect(await listConnections(db, warehouseScope)).toHaveLength(all!.n);
  });

  it("lists the ship-method mappings of the caller's warehouse only", async () => {
    const { db } = database;
    const demoMappings = await db.select().from(shipMethodMappings).where(eq(shipMethodMappings.warehouseId, ids.warehouse));
    for (const scope of [merchantScope, warehouseScope]) {
      const listed = await listShipMethodMappings(db, scope);
      expect(listed.map((m) => m.id).sort()).toEqual(demoMappings.map((m) => m.id).sort());
    }
  });

  it("lists alert contacts of the caller's accounts only", async () => {
    const { db } = database;
    const mine = await listAlertContacts(db, merchantScope);
    expect(mine.map((c) => c.contact.accountId)).toEqual(mine.map(() => ids.ownMerchant));
    expect(mine.map((c) => c.contact.email)).toContain(DEMO_USERS.merchantUser.email);

    const demoContacts = await db
      .select({ id: alertContacts.id })
      .from(alertContacts)
      .innerJoin(accounts, eq(accounts.id, alertContacts.accountId))
      .where(ne(accounts.name, "Stranger Logistics"))
      .orderBy(asc(alertContacts.id));
    const warehouseListed = await listAlertContacts(db, warehouseScope);
    expect(warehouseListed.map((c) => c.contact.id).sort((a, b) => a - b)).toEqual(demoContacts.map((c) => c.id));
  });
});
