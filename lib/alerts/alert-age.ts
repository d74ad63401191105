// How long problems live (docs/ship-by.md#age), from tallies the triggers keep — never a scan of the alerts table.
import { and, gte, sql, sum } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertOpenHours, alertResolveTallies, type Alert, type AlertKind } from "@/db/schema";
import { formatTimeLeft } from "../ship-by/ship-by-line";
import { isWarehouseUser, within, type Scope } from "../tenancy/scope";

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

export type ResolveTime = { kind: AlertKind; resolved: number; averageMs: number };
export type AlertAge = { openOver24h: number; resolveTimes: ResolveTime[] };

/**
 * The open alerts older than 24 h — all open (from alert_tallies, already read for the tabs) minus those first seen
 * in the last 24 hours (alert_open_hours, at most 25 hours of buckets) — and the average time to resolve per kind
 * over the last 30 days (alert_resolve_tallies, by week: the five weeks that reach 30 days back, 29–35 days).
 */
export async function alertAge(db: DbOrTx, scope: Scope, now: Date, openTotal: number): Promise<AlertAge> {
  // A warehouse user sees every merchant its warehouses serve: their totals are kept under the warehouses' own ids.
  const owners = isWarehouseUser(scope)
    ? scope.memberships.filter((m) => m.kind === "warehouse").map((m) => m.accountId)
    : scope.merchantIds;
  const sinceHour = Math.floor(now.getTime() / HOUR) - 23;
  const [recent, byKind] = await Promise.all([
    db
      .select({ n: sum(alertOpenHours.n).mapWith(Number) })
      .from(alertOpenHours)
      .where(and(gte(alertOpenHours.hour, sinceHour), within(alertOpenHours.accountId, owners))),
    db
      .select({
        kind: alertResolveTallies.kind,
        n: sum(alertResolveTallies.n).mapWith(Number),
        total: sql<number>`sum(${alertResolveTallies.totalMs})`.mapWith(Number),
      })
      .from(alertResolveTallies)
      .where(
        and(
          within(alertResolveTallies.accountId, owners),
          gte(alertResolveTallies.week, Math.floor((now.getTime() - 30 * 24 * HOUR) / WEEK)),
        ),
      )
      .groupBy(alertResolveTallies.kind),
  ]);
  const resolveTimes = byKind
    .filter((r) => r.n > 0)
    .map((r) => ({ kind: r.kind as AlertKind, resolved: r.n, averageMs: r.total / r.n }))
    .sort((a, b) => b.resolved - a.resolved);
  return { openOver24h: Math.max(0, openTotal - (recent[0]?.n ?? 0)), resolveTimes };
}

/** "Open for 3 h 20 min", "Was open for 2 days 4 h (resolved)": an alert's age on its page. */
export function openFor(alert: Pick<Alert, "state" | "firstSeenAt" | "resolvedAt" | "dismissedAt">, now: Date): string {
  if (alert.state === "open") return `Open for ${formatTimeLeft(now.getTime() - alert.firstSeenAt.getTime())}`;
  const end = alert.resolvedAt ?? alert.dismissedAt ?? now;
  return `Was open for ${formatTimeLeft(end.getTime() - alert.firstSeenAt.getTime())} (${alert.state})`;
}
