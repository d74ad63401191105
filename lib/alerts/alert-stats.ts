import { and, gte, inArray, sum } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertDayTallies, alertTallies, warehouseAlertTallies, warehouseDayTallies, type AlertKind, type AlertState } from "@/db/schema";
import type { Scope } from "../tenancy/scope";
import { countAlerts } from "./count-alerts";

const DAY = 86_400_000;

/**
 * Counts per kind and per state of the caller's alerts, for the filter chips: read from the tallies the triggers
 * keep, summed per warehouse for the warehouses the caller sees whole (a few dozen rows at any scale).
 */
export async function alertCounts(db: DbOrTx, scope: Scope) {
  const { warehouseIds, merchantIds } = scope.tallies;
  const [byWarehouse, byMerchant] = await Promise.all([
    warehouseIds.length
      ? db
          .select({ kind: warehouseAlertTallies.kind, state: warehouseAlertTallies.state, n: warehouseAlertTallies.n })
          .from(warehouseAlertTallies)
          .where(inArray(warehouseAlertTallies.warehouseId, warehouseIds))
      : [],
    merchantIds.length
      ? db
          .select({ kind: alertTallies.kind, state: alertTallies.state, n: sum(alertTallies.n).mapWith(Number) })
          .from(alertTallies)
          .where(inArray(alertTallies.accountId, merchantIds))
          .groupBy(alertTallies.kind, alertTallies.state)
      : [],
  ]);
  const byKind: Partial<Record<AlertKind, number>> = {};
  const byState: Record<AlertState, number> = { open: 0, resolved: 0, dismissed: 0 };
  for (const r of [...byWarehouse, ...byMerchant]) {
    if (r.state === "open" && r.n) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.n;
    byState[r.state] += r.n;
  }
  return { openByKind: byKind, byState };
}

export type TabCounts = Awaited<ReturnType<typeof alertCounts>> & { snoozed: number };

/**
 * The counts every page of the signed-in app shows (the navigation badge: open alerts not snoozed) and the
 * Alerts tab's tabs and kind chips: one read of the tallies and one count of snoozed alerts, shared by the
 * layout and the page of a request.
 */
export async function tabCounts(db: DbOrTx, scope: Scope, now: Date): Promise<TabCounts> {
  const [counts, snoozed] = await Promise.all([alertCounts(db, scope), countAlerts(db, scope, { state: "snoozed" }, now)]);
  return { ...counts, snoozed };
}

/** Open alerts that are not snoozed: what the navigation badge shows. */
export function openNow(counts: TabCounts): number {
  return counts.byState.open - counts.snoozed;
}

export type DayActivity = { day: string; raised: number; resolved: number };

/** Alerts raised and resolved per UTC day over the last `days` days, oldest first, every day present. */
export async function dailyActivity(db: DbOrTx, scope: Scope, now: Date, days = 14): Promise<DayActivity[]> {
  const startDay = Math.floor(now.getTime() / DAY) - (days - 1);
  const { warehouseIds, merchantIds } = scope.tallies;
  const [byWarehouse, byMerchant] = await Promise.all([
    warehouseIds.length
      ? db
          .select({ day: warehouseDayTallies.day, raised: warehouseDayTallies.raised, resolved: warehouseDayTallies.resolved })
          .from(warehouseDayTallies)
          .where(and(inArray(warehouseDayTallies.warehouseId, warehouseIds), gte(warehouseDayTallies.day, startDay)))
      : [],
    merchantIds.length
      ? db
          .select({
            day: alertDayTallies.day,
            raised: sum(alertDayTallies.raised).mapWith(Number),
            resolved: sum(alertDayTallies.resolved).mapWith(Number),
          })
          .from(alertDayTallies)
          .where(and(inArray(alertDayTallies.accountId, merchantIds), gte(alertDayTallies.day, startDay)))
          .groupBy(alertDayTallies.day)
      : [],
  ]);
  const byDay = new Map<number, { raised: number; resolved: number }>();
  for (const r of [...byWarehouse, ...byMerchant]) {
    const day = byDay.get(r.day) ?? { raised: 0, resolved: 0 };
    byDay.set(r.day, { raised: day.raised + r.raised, resolved: day.resolved + r.resolved });
  }
  return Array.from({ length: days }, (_, i) => {
    const dayIndex = startDay + i;
    const row = byDay.get(dayIndex);
    return { day: new Date(dayIndex * DAY).toISOString().slice(0, 10), raised: row?.raised ?? 0, resolved: row?.resolved ?? 0 };
  });
}
