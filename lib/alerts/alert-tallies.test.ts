import { and, count, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  accounts,
  alertCauseTallies,
  alerts,
  alertDayTallies,
  alertTallies,
  heldOrderTallies,
  warehouseAlertTallies,
  warehouseDayTallies,
  ALERT_KINDS,
  connections,
  orders,
  users,
  type AlertKind,
} from "@/db/schema";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "@/db/schema";
import { REBUILD_ALERT_TALLIES_SQL } from "@/db/alert-tallies";
import { DEMO_USERS } from "@/db/seed/demo-users";
import { seedDemoData } from "@/db/seed/seed-demo";
import { SYSTEM } from "../retry/actor";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { resolveUserScope, type Scope } from "../tenancy/scope";
import { AlertFilterInput, type AlertFilter, type AlertView } from "./alert-filter";
import { alertCounts, dailyActivity, openNow, tabCounts } from "./alert-stats";
import { countAlerts } from "./count-alerts";
import { dismissAlerts, snoozeAlerts } from "./dismiss-alerts";
import { groupedCauses } from "./grouped-causes";
import { alertConditions } from "./list-alerts";
import { MAX_CONNECTION_OPTIONS, loadConnectionOptions } from "./connection-options";
import { loadAlertsTab } from "./load-alerts-tab";
import { raiseAlert, resolveAlerts } from "./record-alert";
import { withMerchants } from "../testing/scopes";

const NOW = new Date("2026-11-26T12:00:00Z");
const DAY = 86_400_000;

let database: TestDatabase;
let warehouseScope: Scope;
let merchantScope: Scope;

beforeEach(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, NOW);
  const userId = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!.id;
  warehouseScope = await resolveUserScope(database.db, await userId(DEMO_USERS.warehouseAdmin.email));
  merchantScope = await resolveUserScope(database.db, await userId(DEMO_USERS.merchantUser.email));
});
afterEach(async () => {
  await database.cleanup();
});

/** The tallies as the triggers left them, without empty rows, in a stable order. */
async function tallies() {
  const { db } = database;
  const rows = await db
    .select()
    .from(alertTallies)
    .where(sql`${alertTallies.n} <> 0`);
  const days = await db
    .select()
    .from(alertDayTallies)
    .where(sql`${alertDayTallies.raised} <> 0 OR ${alertDayTallies.resolved} <> 0`);
  const causes = await db
    .select()
    .from(alertCauseTallies)
    .where(sql`${alertCauseTallies.n} <> 0`);
  // When a group was first held is kept as the earliest alert it ever counted, so it is compared apart.
  const held = await db.select().from(heldOrderTallies);
  const byWarehouse = await db
    .select()
    .from(warehouseAlertTallies)
    .where(sql`${warehouseAlertTallies.n} <> 0`);
  const daysByWarehouse = await db
    .select()
    .from(warehouseDayTallies)
    .where(sql`${warehouseDayTallies.raised} <> 0 OR ${warehouseDayTallies.resolved} <> 0`);
  const key = (r: object) => JSON.stringify(r);
  return {
    rows: rows.map(key).sort(),
    days: days.map(key).sort(),
    causes: causes.map(key).sort(),
    byWarehouse: byWarehouse.map(key).sort(),
    daysByWarehouse: daysByWarehouse.map(key).sort(),
    held: held.map(({ firstHeldAt: _, ...r }) => key(r)).sort(),
    firstHeld: new Map(held.map(({ firstHeldAt, n: _, ...r }) => [key(r), firstHeldAt.getTime()])),
  };
}

/** The tallies recounted from the alerts themselves. */
async function recounted() {
  await database.client.executeMultiple(REBUILD_ALERT_TALLIES_SQL);
  return tallies();
}

async function expectTalliesToMatchAlerts() {
  const kept = await tallies();
  expect(kept.rows.length).toBeGreaterThan(0);
  expect(kept.causes.length).toBeGreaterThan(0);
  expect(kept.byWarehouse.length).toBeGreaterThan(0);
  const { firstHeld, ...exact } = kept;
  const { firstHeld: recountedFirstHeld, ...recountedExact } = await recounted();
  expect(exact).toEqual(recountedExact);
  for (const [group, at] of recountedFirstHeld) expect(firstHeld.get(group)).toBeLessThanOrEqual(at);
}

async function openIds(where = sql`1`) {
  const rows = await database.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.state, "open"), where));
  return rows.map((r) => r.id);
}

describe("alert tallies kept by triggers", () => {
  it("match the alerts after seeding, raising, repeating, resolving, dismissing, changing kind and deleting", async () => {
    const { db } = database;
    await expectTalliesToMatchAlerts();

    const [a] = await db.select().from(alerts).where(eq(alerts.state, "open")).limit(1);
    const input = {
      accountId: a!.accountId,
      kind: "remote_error" as AlertKind,
      connectionId: a!.connectionId,
      needsPerson: true,
      message: "Reported",
      dedupeKey: "test:1",
    };
    const raised = await raiseAlert(db, input, "raised", new Date(NOW.getTime() - 3 * DAY));
    await raiseAlert(db, { ...input, needsPerson: false }, "again", NOW);
    await expectTalliesToMatchAlerts();

    await resolveAlerts(db, eq(alerts.id, raised.id), "Delivered.", SYSTEM, NOW);
    await dismissAlerts({ db, scope: warehouseScope, actor: SYSTEM, now: NOW }, { ids: (await openIds()).slice(0, 3), reason: "done" });
    await expectTalliesToMatchAlerts();

    const [other] = await openIds();
    await db.update(alerts).set({ kind: "record_skipped", needsPerson: true, lastSeenAt: NOW }).where(eq(alerts.id, other!));
    await db
      .update(alerts)
      .set({ firstSeenAt: new Date(NOW.getTime() - 40 * DAY) })
      .where(eq(alerts.id, raised.id));
    await expectTalliesToMatchAlerts();

    await db.delete(alerts).where(inArray(alerts.id, [raised.id, other!]));
    await expectTalliesToMatchAlerts();

    // An order held on an unmapped label gets another label: its open alert moves to that cause.
    const [held] = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.state, "open"), eq(alerts.kind, "ship_method_unmapped")))
      .limit(1);
    await db.update(orders).set({ shipMethodLabel: "Overnight Saturday" }).where(eq(orders.id, held!.orderId!));
    expect((await tallies()).causes.some((c) => c.includes("Overnight Saturday"))).toBe(true);
    await expectTalliesToMatchAlerts();
    await db
      .update(alerts)
      .set({ message: "A different answer" })
      .where(inArray(alerts.id, await openIds(eq(alerts.kind, "tracking_push_failed"))));
    await expectTalliesToMatchAlerts();

    // Held order alerts move between the fix-once groups: a new answer, a release, a SKU named, a resolve.
    const heldIds = await openIds(and(eq(alerts.needsPerson, true), inArray(alerts.kind, ["address_invalid", "order_send_failed"])));
    expect(heldIds.length).toBeGreaterThan(2);
    expect((await tallies()).held.length).toBeGreaterThan(0);
    await db
      .update(alerts)
      .set({ message: "Invalid ShipTo.State 'ZZ'", errorCode: null, httpStatus: 400 })
      .where(eq(alerts.id, heldIds[0]!));
    await db.update(alerts).set({ needsPerson: false }).where(eq(alerts.id, heldIds[1]!));
    await db.update(alerts).set({ productCode: "BT-BOTL-1L-BLU" }).where(eq(alerts.id, heldIds[2]!));
    await expectTalliesToMatchAlerts();
    await resolveAlerts(db, inArray(alerts.id, heldIds), "Delivered.", SYSTEM, NOW);
    await expectTalliesToMatchAlerts();
    // The last alert of a group takes its row with it.
    expect((await tallies()).held).toEqual([]);

    // A merchant that moves to another warehouse takes its counts there.
    const [merchant] = await db.select().from(accounts).where(eq(accounts.id, merchantScope.merchantIds[0]!));
    const [elsewhere] = await db.insert(accounts).values({ kind: "warehouse", name: "Another warehouse", createdAt: NOW }).returning();
    await db.update(accounts).set({ warehouseId: elsewhere!.id }).where(eq(accounts.id, merchant!.id));
    expect((await tallies()).byWarehouse.some((r) => r.includes(`"warehouseId":${elsewhere!.id}`))).toBe(true);
    await expectTalliesToMatchAlerts();
    await db.update(accounts).set({ warehouseId: merchant!.warehouseId }).where(eq(accounts.id, merchant!.id));
    await expectTalliesToMatchAlerts();
  });
});

describe("countAlerts from the tallies", () => {
  const views: AlertView[] = ["open", "snoozed", "resolved", "dismissed", "all"];
  const filters: Partial<AlertFilter>[] = [
    {},
    { kind: "tracking_push_failed" },
    { kind: "ship_method_unmapped", needsPerson: "1" },
    { needsPerson: "0" },
    { q: "AO" },
    { q: "#AO1040" },
  ];

  it("equals a count of the matching alerts for every view and filter, with snoozes past and future", async () => {
    const { db } = database;
    const open = await openIds();
    await snoozeAlerts(
      { db, scope: warehouseScope, actor: SYSTEM, now: NOW },
      { ids: open.slice(0, 4), until: new Date(NOW.getTime() + 2 * DAY) },
    );
    await snoozeAlerts(
      { db, scope: warehouseScope, actor: SYSTEM, now: NOW },
      { ids: open.slice(4, 6), until: new Date(NOW.getTime() - DAY) },
    );
    const [connection] = await db
      .select({ id: alerts.connectionId, accountId: alerts.accountId })
      .from(alerts)
      .where(inArray(alerts.id, open.slice(0, 1)));
    const all = [
      ...filters,
      { connection: connection!.id! },
      { merchant: connection!.accountId },
      { merchant: connection!.accountId, kind: "order_send_failed" as const },
    ];
    let nonZero = 0;
    for (const scope of [warehouseScope, merchantScope]) {
      for (const state of views) {
        for (const filter of all) {
          const f = { ...filter, state };
          const [expected] = await db
            .select({ n: count() })
            .from(alerts)
            .where(alertConditions(scope, f, NOW));
          expect(await countAlerts(db, scope, f, NOW), JSON.stringify({ scope: scope.merchantIds, f })).toBe(expected!.n);
          if (expected!.n > 0) nonZero++;
        }
      }
    }
    expect(nonZero).toBeGreaterThan(40);
    expect(await countAlerts(db, warehouseScope, { state: "snoozed" }, NOW)).toBe(4);
  });

  it("counts the navigation badge without snoozed alerts, and nothing for an empty scope", async () => {
    const { db } = database;
    const before = openNow(await tabCounts(db, warehouseScope, NOW));
    expect(before).toBe((await openIds()).length);
    await snoozeAlerts(
      { db, scope: warehouseScope, actor: SYSTEM, now: NOW },
      { ids: (await openIds()).slice(0, 2), until: new Date(NOW.getTime() + DAY) },
    );
    expect(openNow(await tabCounts(db, warehouseScope, NOW))).toBe(before - 2);
    expect(openNow(await tabCounts(db, warehouseScope, new Date(NOW.getTime() + 2 * DAY)))).toBe(before);
    const nobody = withMerchants(warehouseScope, []);
    expect(openNow(await tabCounts(db, nobody, NOW))).toBe(0);
  });

  it("gives the chips' counts per kind and state of the caller's merchants only", async () => {
    const { db } = database;
    const { openByKind, byState } = await alertCounts(db, merchantScope);
    const own = inArray(alerts.accountId, merchantScope.merchantIds);
    for (const state of ["open", "resolved", "dismissed"] as const) {
      const [row] = await db
        .select({ n: count() })
        .from(alerts)
        .where(and(own, eq(alerts.state, state)));
      expect(byState[state]).toBe(row!.n);
    }
    for (const kind of ALERT_KINDS) {
      const [row] = await db
        .select({ n: count() })
        .from(alerts)
        .where(and(own, eq(alerts.state, "open"), eq(alerts.kind, kind)));
      expect(openByKind[kind] ?? 0).toBe(row!.n);
    }
  });
});

describe("dailyActivity from the day tallies", () => {
  it("counts alerts raised and resolved per UTC day over 14 days, oldest first", async () => {
    const { db } = database;
    const accountId = merchantScope.merchantIds[0]!;
    await db.delete(alerts);
    const at = (iso: string) => new Date(iso);
    const base = { accountId, kind: "tracking_push_failed" as AlertKind, needsPerson: false, message: "m" };
    const a = await raiseAlert(db, { ...base, dedupeKey: "d:a" }, "raised", at("2026-11-26T00:00:00Z"));
    await raiseAlert(db, { ...base, dedupeKey: "d:b" }, "raised", at("2026-11-26T23:59:59Z"));
    const c = await raiseAlert(db, { ...base, dedupeKey: "d:c" }, "raised", at("2026-11-13T00:00:00Z"));
    await raiseAlert(db, { ...base, dedupeKey: "d:d" }, "raised", at("2026-11-12T23:59:59Z"));
    await resolveAlerts(db, eq(alerts.id, c.id), "ok", SYSTEM, at("2026-11-20T08:00:00Z"));
    await resolveAlerts(db, eq(alerts.id, a.id), "ok", SYSTEM, at("2026-11-26T09:00:00Z"));

    const days = await dailyActivity(db, merchantScope, NOW);
    expect(days).toHaveLength(14);
    expect(days[0]).toEqual({ day: "2026-11-13", raised: 1, resolved: 0 });
    expect(days.find((d) => d.day === "2026-11-20")).toEqual({ day: "2026-11-20", raised: 0, resolved: 1 });
    expect(days[13]).toEqual({ day: "2026-11-26", raised: 2, resolved: 1 });
    expect(days.reduce((sum, d) => sum + d.raised, 0)).toBe(3);

    const otherMerchant = warehouseScope.merchantIds.find((id) => id !== accountId)!;
    expect(
      (await dailyActivity(db, withMerchants(warehouseScope, [otherMerchant]), NOW)).every((d) => d.raised === 0 && d.resolved === 0),
    ).toBe(true);
  });
});

/** The grouped causes as the Alerts tab computed them before the tallies: straight from the alerts. */
async function groupedCausesFromAlerts(scope: Scope, now: Date) {
  const { db } = database;
  const open = and(
    inArray(alerts.accountId, scope.merchantIds),
    eq(alerts.state, "open"),
    or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, now)),
  );
  const unmapped = await db
    .select({ label: orders.shipMethodLabel, merchant: accounts.name, n: count() })
    .from(alerts)
    .innerJoin(orders, eq(orders.id, alerts.orderId))
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .where(and(open, eq(alerts.kind, "ship_method_unmapped")))
    .groupBy(orders.shipMethodLabel, accounts.name);
  const sameError = await db
    .select({ connectionId: alerts.connectionId, connectionName: connections.name, message: alerts.message, n: count() })
    .from(alerts)
    .innerJoin(connections, eq(connections.id, alerts.connectionId))
    .where(
      and(
        open,
        eq(alerts.needsPerson, false),
        inArray(alerts.kind, ["order_send_failed", "tracking_push_failed", "inventory_push_failed"]),
      ),
    )
    .groupBy(alerts.connectionId, alerts.message)
    .orderBy(desc(count()));
  const labels = new Map<string, { orders: number; merchants: string[] }>();
  for (const r of unmapped) {
    const g = labels.get(r.label) ?? { orders: 0, merchants: [] };
    g.orders += r.n;
    g.merchants.push(r.merchant);
    labels.set(r.label, g);
  }
  return { labels, sameError };
}

describe("groupedCauses from the cause tallies", () => {
  it("groups open, unsnoozed alerts by unmapped label and by repeated message, as counting the alerts does", async () => {
    const { db } = database;
    const unmappedOpen = await openIds(eq(alerts.kind, "ship_method_unmapped"));
    expect(unmappedOpen.length).toBeGreaterThan(1);
    // Many tracking pushes failing alike on one connection, some of them snoozed.
    const tracking = await openIds(inArray(alerts.kind, ["tracking_push_failed", "order_send_failed"]));
    await db.update(alerts).set({ message: "Shop is frozen", needsPerson: false }).where(inArray(alerts.id, tracking));
    await snoozeAlerts(
      { db, scope: warehouseScope, actor: SYSTEM, now: NOW },
      { ids: [unmappedOpen[0]!, tracking[0]!], until: new Date(NOW.getTime() + DAY) },
    );

    for (const scope of [warehouseScope, merchantScope]) {
      const groups = await groupedCauses(db, scope, NOW, 1);
      const expected = await groupedCausesFromAlerts(scope, NOW);
      const labels = groups.flatMap((g) => (g.type === "unmapped_ship_method" ? [[g.label, g.orders, [...g.merchants].sort()]] : []));
      expect(labels.sort()).toEqual([...expected.labels.entries()].map(([label, g]) => [label, g.orders, [...g.merchants].sort()]).sort());
      const errors = groups.flatMap((g) => (g.type === "same_error" ? [g.alerts] : []));
      expect(errors).toEqual(expected.sameError.slice(0, 3).map((r) => r.n));
    }
    const frozen = (await groupedCauses(db, warehouseScope, NOW, 1)).filter(
      (g) => g.type === "same_error" && g.message === "Shop is frozen",
    );
    expect(frozen.length).toBeGreaterThan(0);
    // Each names the merchant whose connection it is: a warehouse sees one "Northwind WMS" per merchant.
    for (const group of frozen) {
      const [owner] = await db
        .select({ name: accounts.name })
        .from(connections)
        .innerJoin(accounts, eq(accounts.id, connections.accountId))
        .where(eq(connections.id, group.type === "same_error" ? group.connectionId : 0));
      expect(group.type === "same_error" && group.merchantName).toBe(owner!.name);
    }
    expect(await groupedCauses(db, withMerchants(warehouseScope, []), NOW)).toEqual([]);
  });

  it("finds the top errors past many snoozed candidates, and stops reading once no candidate left can outnumber them", async () => {
    const { db } = database;
    const merchantId = warehouseScope.merchantIds[0]!;
    const [wms] = await db.insert(connections).values(extraConnection(merchantId, "Busy WMS")).returning();
    // Twenty errors on one connection, "Error k" with 40 - k alerts; the nine most frequent all snoozed, so the
    // three shown come from the second read of candidates (eight at a time), and the third read is not needed.
    const ids = new Map<string, number[]>();
    for (let k = 1; k <= 20; k++) {
      const message = `Error ${k}`;
      for (let j = 0; j < 40 - k; j++) {
        const { id } = await raiseAlert(
          db,
          {
            accountId: merchantId,
            connectionId: wms!.id,
            kind: "order_send_failed",
            needsPerson: false,
            message,
            dedupeKey: `${message}-${j}`,
          },
          "failed",
          NOW,
        );
        ids.set(message, [...(ids.get(message) ?? []), id]);
      }
    }
    const snoozed = [...ids.entries()].filter(([m]) => Number(m.split(" ")[1]) <= 9).flatMap(([, list]) => list);
    await snoozeAlerts({ db, scope: warehouseScope, actor: SYSTEM, now: NOW }, { ids: snoozed, until: new Date(NOW.getTime() + DAY) });

    const statements: string[] = [];
    const logged = drizzle(database.client, { schema, logger: { logQuery: (query) => statements.push(query) } });
    const errors = (await groupedCauses(logged, warehouseScope, NOW)).flatMap((g) =>
      g.type === "same_error" ? [[g.message, g.alerts]] : [],
    );
    expect(errors).toEqual([
      ["Error 10", 30],
      ["Error 11", 29],
      ["Error 12", 28],
    ]);
    expect(statements.filter((q) => q.includes("alerts_open_snoozed_connection_idx"))).toHaveLength(2);
    const expected = await groupedCausesFromAlerts(warehouseScope, NOW);
    expect(errors.map(([, n]) => n)).toEqual(expected.sameError.slice(0, 3).map((r) => r.n));
    // Once their snooze has passed, the most frequent are back on top, found in the first read.
    statements.length = 0;
    const later = new Date(NOW.getTime() + 2 * DAY);
    expect((await groupedCauses(logged, warehouseScope, later)).flatMap((g) => (g.type === "same_error" ? [g.message] : []))).toEqual([
      "Error 1",
      "Error 2",
      "Error 3",
    ]);
    expect(statements.filter((q) => q.includes("alerts_open_snoozed_connection_idx"))).toHaveLength(1);
  });
  it("reads the candidates a page at a time when the snoozed push the top errors past the first page", async () => {
    const { db } = database;
    const merchantId = warehouseScope.merchantIds[0]!;
    const [wms] = await db.insert(connections).values(extraConnection(merchantId, "Crowded WMS")).returning();
    // Sixty errors, "Failure k" with 80 - k alerts; the fifty most frequent snoozed: the three shown are on the
    // second page of candidates (a page is 48).
    const rows = [];
    for (let k = 1; k <= 60; k++)
      for (let j = 0; j < 80 - k; j++)
        rows.push({
          accountId: merchantId,
          connectionId: wms!.id,
          kind: "tracking_push_failed" as const,
          needsPerson: false,
          message: `Failure ${k}`,
          dedupeKey: `failure-${k}-${j}`,
          state: "open" as const,
          occurrences: 1,
          firstSeenAt: NOW,
          lastSeenAt: NOW,
          snoozedUntil: k <= 50 ? new Date(NOW.getTime() + DAY) : null,
        });
    for (let i = 0; i < rows.length; i += 500) await db.insert(alerts).values(rows.slice(i, i + 500));
    const errors = (await groupedCauses(db, warehouseScope, NOW)).flatMap((g) => (g.type === "same_error" ? [[g.message, g.alerts]] : []));
    expect(errors).toEqual([
      ["Failure 51", 29],
      ["Failure 52", 28],
      ["Failure 53", 27],
    ]);
    expect(errors.map(([, n]) => n)).toEqual((await groupedCausesFromAlerts(warehouseScope, NOW)).sameError.slice(0, 3).map((r) => r.n));
  });
});

describe("loadAlertsTab", () => {
  it("gives each view's total, taken from its tab's count when unfiltered, as counting the alerts does", async () => {
    const { db } = database;
    await snoozeAlerts(
      { db, scope: warehouseScope, actor: SYSTEM, now: NOW },
      { ids: (await openIds()).slice(0, 3), until: new Date(NOW.getTime() + DAY) },
    );
    for (const state of ["open", "snoozed", "resolved", "dismissed", "all"] as const) {
      for (const kind of [undefined, "tracking_push_failed"] as const) {
        const filter = AlertFilterInput.parse({ state, kind });
        const [expected] = await db
          .select({ n: count() })
          .from(alerts)
          .where(alertConditions(warehouseScope, filter, NOW));
        const tab = await loadAlertsTab(db, warehouseScope, filter, { now: NOW });
        expect(tab.total, `${state} ${kind ?? ""}`).toBe(expected!.n);
        if (!kind) expect(tab.viewCounts[state]).toBe(expected!.n);
      }
    }
  });
});

describe("loadConnectionOptions", () => {
  it("lists the warehouse's connections with their merchants, then asks for a merchant once there are too many", async () => {
    const { db } = database;
    const view = { warehouseUser: true };
    const few = await loadConnectionOptions(db, warehouseScope, view);
    const all = await db
      .select({ id: connections.id, accountId: connections.accountId })
      .from(connections)
      .where(inArray(connections.accountId, warehouseScope.merchantIds));
    expect(few.hint).toBeNull();
    expect(few.options.map((o) => o.id).sort()).toEqual(all.map((c) => c.id).sort());
    expect(few.options.every((o) => / — /.test(o.name))).toBe(true);

    const merchantId = warehouseScope.merchantIds[0]!;
    const extra = MAX_CONNECTION_OPTIONS + 1 - all.length;
    await db.insert(connections).values(Array.from({ length: extra }, (_, i) => extraConnection(merchantId, `Extra WMS ${i}`)));
    const many = await loadConnectionOptions(db, warehouseScope, view);
    expect(many.options).toEqual([]);
    expect(many.hint).toBe(`Choose a merchant to list its ${MAX_CONNECTION_OPTIONS + 1} connections`);
    // The connection filtered on stays selectable; another tenant's connection is not listed.
    const kept = all[0]!.id;
    expect((await loadConnectionOptions(db, warehouseScope, { ...view, connection: kept })).options.map((o) => o.id)).toEqual([kept]);
    const [elsewhere] = await db.insert(accounts).values({ kind: "warehouse", name: "Another warehouse", createdAt: NOW }).returning();
    const [stranger] = await db
      .insert(accounts)
      .values({ kind: "merchant", name: "Another tenant", warehouseId: elsewhere!.id, createdAt: NOW })
      .returning();
    const [theirs] = await db
      .insert(connections)
      .values({ ...extraConnection(stranger!.id, "Their WMS") })
      .returning();
    expect((await loadConnectionOptions(db, warehouseScope, { ...view, connection: theirs!.id })).options).toEqual([]);
    // A merchant chosen: only its connections, sorted by kind, if few enough.
    const other = warehouseScope.merchantIds.find((id) => id !== merchantId)!;
    const chosen = await loadConnectionOptions(db, warehouseScope, { ...view, merchant: other });
    const its = await db
      .select({ id: connections.id, kind: connections.kind })
      .from(connections)
      .where(eq(connections.accountId, other))
      .orderBy(connections.kind, connections.name, connections.id);
    expect(chosen.hint).toBeNull();
    expect(new Set(its.map((c) => c.kind))).toEqual(new Set(["cart", "wms"]));
    // Sorted as the merchant list beside it: by merchant, then the cart before the WMS.
    expect(chosen.options.map((o) => o.id)).toEqual(its.map((c) => c.id));
    // A merchant outside the scope lists nothing.
    expect((await loadConnectionOptions(db, merchantScope, { warehouseUser: false, merchant: merchantId + 10_000 })).options).toEqual([]);
  });
});

function extraConnection(accountId: number, name: string) {
  return {
    accountId,
    kind: "wms" as const,
    platform: "Bench WMS",
    name,
    endpointUrl: "http://127.0.0.1:9/wms",
    credential: "secret",
    webhookSecret: "whsec_dGVzdA==",
    createdAt: NOW,
    updatedAt: NOW,
  };
}
