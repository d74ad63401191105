// docs/ship-by.md#urgency: the open view ranks order alerts by ship-by, soonest (or most overdue) first, then the
// alerts without one newest first; keyset pages run across both parts; the card counts the next cutoff's orders.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alerts, cutoffSettings } from "@/db/schema";
import { cutoffAtRisk } from "../ship-by/cutoff-at-risk";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { AlertFilterInput } from "./alert-filter";
import { listAlerts, type AlertCursor } from "./list-alerts";
import { raiseAlert } from "./record-alert";
import { statusLine } from "./status-line";
import { withMerchants } from "../testing/scopes";

const NOW = new Date("2026-11-30T16:00:00Z"); // Monday 10:00 in Chicago
const MIN = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

/** Alerts raised at `seen` minutes, each for its own order with the given ship-by (null: none; a product alert when `product`). */
async function world(specs: { name: string; shipBy: number | null; seen: number }[]) {
  const { db } = database;
  const w = await makeWorld(db, at(-24 * 60));
  const ids: Record<string, number> = {};
  for (const spec of specs) {
    const { order, delivery } = await w.addOrder();
    const { id } = await raiseAlert(
      db,
      {
        accountId: w.merchant.id,
        kind: "order_send_failed",
        deliveryId: delivery.id,
        connectionId: w.wms.id,
        orderId: order.id,
        orderNumber: order.orderNumber,
        needsPerson: false,
        message: spec.name,
      },
      "raised",
      at(spec.seen),
    );
    if (spec.shipBy !== null)
      await db
        .update(alerts)
        .set({ shipBy: at(spec.shipBy) })
        .where(eq(alerts.id, id));
    ids[spec.name] = id;
  }
  return { ...w, ids };
}

const names = (rows: { message: string }[]) => rows.map((r) => r.message);

describe("docs/ship-by.md#urgency: urgency order", () => {
  it("is the open view's default: soonest ship-by first (overdue before), then the rest newest first", async () => {
    const w = await world([
      { name: "due in 3 h", shipBy: 180, seen: -10 },
      { name: "no ship-by, newest", shipBy: null, seen: -1 },
      { name: "overdue", shipBy: -30, seen: -300 },
      { name: "due in 40 min", shipBy: 40, seen: -200 },
      { name: "no ship-by, older", shipBy: null, seen: -50 },
    ]);
    const filter = AlertFilterInput.parse({});
    expect(filter.sort).toBe("urgent");
    const { rows, next } = await listAlerts(database.db, w.scope, filter, { now: NOW });
    expect(names(rows)).toEqual(["overdue", "due in 40 min", "due in 3 h", "no ship-by, newest", "no ship-by, older"]);
    expect(next).toBeNull();
    // A warehouse's scope of many merchants reads the ship-by index in order instead: the same order.
    const wide = withMerchants(w.scope, [w.merchant.id, 9998, 9999]);
    expect(names((await listAlerts(database.db, wide, filter, { now: NOW })).rows)).toEqual(names(rows));
    expect(names((await listAlerts(database.db, wide, filter, { now: NOW, limit: 2 })).rows)).toEqual(["overdue", "due in 40 min"]);
    // Asked for, newest first still works; closed views default to it.
    const newest = await listAlerts(database.db, w.scope, AlertFilterInput.parse({ sort: "newest" }), { now: NOW });
    expect(names(newest.rows)[0]).toBe("no ship-by, newest");
    expect(AlertFilterInput.parse({ state: "resolved" }).sort).toBe("newest");
  });

  it("pages of 2 run through both parts, each alert once, in the same order", async () => {
    const w = await world([
      { name: "a", shipBy: 10, seen: -5 },
      { name: "b", shipBy: 20, seen: -4 },
      { name: "c", shipBy: 20, seen: -3 },
      { name: "d", shipBy: null, seen: -2 },
      { name: "e", shipBy: null, seen: -1 },
    ]);
    const filter = AlertFilterInput.parse({});
    const seen: string[] = [];
    let after: AlertCursor | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await listAlerts(database.db, w.scope, filter, { now: NOW, limit: 2, after });
      seen.push(...names(result.rows));
      if (!result.next) break;
      after = result.next;
    }
    expect(seen).toEqual(["a", "b", "c", "e", "d"]);
  });

  it("a page the ship-by part fills exactly still leads on to the alerts without one", async () => {
    const w = await world([
      { name: "a", shipBy: 10, seen: -5 },
      { name: "b", shipBy: 20, seen: -4 },
      { name: "z", shipBy: null, seen: -1 },
    ]);
    const first = await listAlerts(database.db, w.scope, AlertFilterInput.parse({}), { now: NOW, limit: 2 });
    expect(names(first.rows)).toEqual(["a", "b"]);
    const second = await listAlerts(database.db, w.scope, AlertFilterInput.parse({}), { now: NOW, limit: 2, after: first.next! });
    expect(names(second.rows)).toEqual(["z"]);
  });

  it("the card counts the orders due by the next cutoff (today 14:00 Chicago = 20:00 UTC) and those already overdue", async () => {
    const w = await world([
      { name: "overdue", shipBy: -30, seen: -300 },
      { name: "by today's cutoff", shipBy: 4 * 60, seen: -10 },
      { name: "also by it", shipBy: 3 * 60, seen: -10 },
      { name: "tomorrow", shipBy: 28 * 60, seen: -10 },
    ]);
    expect(await cutoffAtRisk(database.db, w.scope, NOW)).toBeNull(); // no rules, no card
    await database.db.insert(cutoffSettings).values({ warehouseId: w.warehouse.id, timeZone: "America/Chicago", updatedAt: NOW });
    const card = await cutoffAtRisk(database.db, w.scope, NOW);
    expect(card).toMatchObject({ orders: 2, overdue: 1, headline: "2 orders will miss today's 14:00 cutoff unless fixed" });
    const evening = await cutoffAtRisk(database.db, w.scope, at(5 * 60));
    expect(evening?.headline).toBe("1 order will miss tomorrow's 14:00 cutoff unless fixed");
  });
});

describe("docs/ship-by.md#retry-window: a retry window that outlasts the ship-by is said so", () => {
  it("retrying hourly, but the order is due out at 14:00", () => {
    const base = {
      kind: "order_send_failed" as const,
      state: "open" as const,
      needsPerson: false,
      snoozedUntil: null,
      resolvedAt: null,
      dismissedAt: null,
      deliveryKind: "order_to_wms" as const,
      deliveryStatus: "retrying" as const,
      nextAttemptAt: at(60),
      syncIntervalMinutes: 15,
      giveUpAt: at(15 * 24 * 60),
    };
    expect(statusLine({ ...base, shipBy: at(4 * 60) }, NOW, "UTC")).toEqual({
      tone: "waiting",
      text: "Retrying hourly, but the order is due out at 20:00 UTC — next try 17:00 UTC — fix or resend it to make it",
    });
    expect(statusLine({ ...base, shipBy: null }, NOW, "UTC").text).toBe("Retrying hourly — next try 17:00 UTC — gives up on 15 Dec");
  });
});
