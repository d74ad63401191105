import { and, gte, sum } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertDayTallies, alertTallies, type AlertKind, type AlertState } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import { countAlerts } from "./count-alerts";

const DAY = 86_400_000;

/** Counts per kind and per state of the caller's alerts, for the filter chips: read from the tallies the triggers keep. */
export async function alertCounts(db: DbOrTx, scope: Scope) {
  const rows = await db
    .select({ kind: alertTallies.kind, state: alertTallies.state, n: sum(alertTallies.n).mapWith(Number) })
    .from(alertTallies)
    .where(within(alertTallies.accountId, scope.merchantIds))
    .groupBy(alertTallies.kind, alertTallies.state);
  const byKind: Partial<Record<AlertKind, number>> = {};
  const byState: Record<AlertState, number> = { open: 0, resolved: 0, dismissed: 0 };
  for (const r of rows) {
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
  const rows = await db
    .select({
      day: alertDayTallies.day,
      raised: sum(alertDayTallies.raised).mapWith(Number),
      resolved: sum(alertDayTallies.resolved).mapWith(Number),
    })
    .from(alertDayTallies)
    .where(and(within(alertDayTallies.accountId, scope.merchantIds), gte(alertDayTallies.day, startDay)))
    .groupBy(alertDayTallies.day);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const dayIndex = startDay + i;
    const row = byDay.get(dayIndex);
    return { day: new Date(dayIndex * DAY).toISOString().slice(0, 10), raised: row?.raised ?? 0, resolved: row?.resolved ?? 0 };
  });
}
