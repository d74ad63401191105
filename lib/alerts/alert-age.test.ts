// docs/ship-by.md#age: open longer than 24 h and time to resolve by kind, from the tallies the 0012 triggers keep.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alerts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { alertAge, openFor } from "./alert-age";
import { alertCounts } from "./alert-stats";
import { raiseAlert, resolveAlerts } from "./record-alert";
import { SYSTEM } from "../retry/actor";
import { resolveAccountScope } from "../tenancy/scope";
import { withMerchants } from "../testing/scopes";

const NOW = new Date("2026-11-30T12:00:00Z");
const HOUR = 3_600_000;
const ago = (h: number) => new Date(NOW.getTime() - h * HOUR);
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

describe("docs/ship-by.md#age", () => {
  it("counts open alerts older than 24 h and averages time to resolve per kind over 30 days, without reading alerts", async () => {
    const { db } = database;
    const w = await makeWorld(db, ago(24 * 60));
    const raise = async (kind: "order_send_failed" | "tracking_push_failed", hoursAgo: number, key: string) =>
      (
        await raiseAlert(
          db,
          { accountId: w.merchant.id, kind, connectionId: w.wms.id, needsPerson: false, message: key, dedupeKey: key },
          "raised",
          ago(hoursAgo),
        )
      ).id;
    await raise("order_send_failed", 30, "old open");
    await raise("order_send_failed", 50, "older open");
    await raise("order_send_failed", 2, "new open");
    const a = await raise("tracking_push_failed", 10, "resolved after 4 h");
    const b = await raise("tracking_push_failed", 20, "resolved after 12 h");
    const c = await raise("order_send_failed", 40 * 24, "resolved 35 days ago");
    await resolveAlerts(db, eq(alerts.id, a), "ok", SYSTEM, ago(6));
    await resolveAlerts(db, eq(alerts.id, b), "ok", SYSTEM, ago(8));
    await resolveAlerts(db, eq(alerts.id, c), "ok", SYSTEM, ago(35 * 24));
    const { byState } = await alertCounts(db, w.scope);
    const age = await alertAge(db, w.scope, NOW, byState.open);
    expect(age.openOver24h).toBe(2);
    expect(age.resolveTimes).toEqual([{ kind: "tracking_push_failed", resolved: 2, averageMs: 8 * HOUR }]);
    // The warehouse's user reads the same from the rows kept under the warehouse's id.
    const warehouseScope = await resolveAccountScope(db, w.warehouse.id);
    expect(await alertAge(db, warehouseScope, NOW, byState.open)).toEqual(age);
    // Another merchant's scope sees none of it.
    expect(await alertAge(db, withMerchants(w.scope, [w.merchant.id + 100]), NOW, 0)).toEqual({ openOver24h: 0, resolveTimes: [] });
  });

  it("an alert's page says how long it has been open, or was", () => {
    expect(openFor({ state: "open", firstSeenAt: ago(3.5), resolvedAt: null, dismissedAt: null }, NOW)).toBe("Open for 3 h 30 min");
    expect(openFor({ state: "resolved", firstSeenAt: ago(52), resolvedAt: ago(2), dismissedAt: null }, NOW)).toBe(
      "Was open for 2 days 2 h (resolved)",
    );
  });
});
