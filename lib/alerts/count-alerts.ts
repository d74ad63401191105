import { and, count, eq, gt, inArray, sql, sum, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { alerts, alertTallies, warehouseAlertTallies, type AlertState } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import type { AlertFilter } from "./alert-filter";
import { alertConditions } from "./list-alerts";

/**
 * How many of the caller's alerts a filter selects. Without a search this reads the tallies the triggers
 * keep (a few rows per merchant) and subtracts the snoozed alerts, which are counted through their own
 * small index: snoozing is a matter of time, not of state, so no tally can hold it. A search counts its
 * matches, which its index searches bound.
 */
export async function countAlerts(db: DbOrTx, scope: Scope, filter: Partial<AlertFilter>, now: Date): Promise<number> {
  if (filter.q) {
    const [row] = await db
      .select({ n: count() })
      .from(alerts)
      .where(alertConditions(scope, filter, now));
    return row?.n ?? 0;
  }
  const state = filter.state ?? "open";
  if (state === "snoozed") return countSnoozed(db, scope, filter, now);
  if (state === "open") {
    const [open, snoozed] = await Promise.all([tallied(db, scope, filter, ["open"]), countSnoozed(db, scope, filter, now)]);
    return open - snoozed;
  }
  return tallied(db, scope, filter, state === "all" ? ["open", "resolved", "dismissed"] : [state]);
}

async function tallied(db: DbOrTx, scope: Scope, filter: Partial<AlertFilter>, states: AlertState[]): Promise<number> {
  const state = (column: SQLiteColumn) => (states.length === 1 ? eq(column, states[0]!) : inArray(column, states));
  // The per-warehouse sums hold kind and state only: a filter on more reads the merchants' own tallies.
  const whole = !filter.connection && !filter.merchant && !filter.needsPerson;
  const { warehouseIds, merchantIds } = whole ? scope.tallies : { warehouseIds: [], merchantIds: scope.merchantIds };
  const [byWarehouse, byMerchant] = await Promise.all([
    warehouseIds.length
      ? db
          .select({ n: sum(warehouseAlertTallies.n).mapWith(Number) })
          .from(warehouseAlertTallies)
          .where(
            and(
              inArray(warehouseAlertTallies.warehouseId, warehouseIds),
              state(warehouseAlertTallies.state),
              filter.kind ? eq(warehouseAlertTallies.kind, filter.kind) : undefined,
            ),
          )
      : [],
    merchantIds.length
      ? db
          .select({ n: sum(alertTallies.n).mapWith(Number) })
          .from(alertTallies)
          .where(
            and(
              inArray(alertTallies.accountId, merchantIds),
              state(alertTallies.state),
              filter.kind ? eq(alertTallies.kind, filter.kind) : undefined,
              filter.connection ? eq(alertTallies.connectionId, filter.connection) : undefined,
              filter.merchant ? eq(alertTallies.accountId, filter.merchant) : undefined,
              filter.needsPerson ? eq(alertTallies.needsPerson, filter.needsPerson === "1") : undefined,
            ),
          )
      : [],
  ]);
  return (byWarehouse[0]?.n ?? 0) + (byMerchant[0]?.n ?? 0);
}

/** Open alerts snoozed past `now`, through the partial index of snoozed open alerts (its condition written as the index's). */
async function countSnoozed(db: DbOrTx, scope: Scope, filter: Partial<AlertFilter>, now: Date): Promise<number> {
  // An empty scope is a constant-false condition, which no index (so no named one) can serve.
  if (scope.merchantIds.length === 0) return 0;
  const conditions: (SQL | undefined)[] = [
    sql`${alerts.state} = 'open'`,
    gt(alerts.snoozedUntil, now),
    within(alerts.accountId, scope.merchantIds),
    filter.kind ? eq(alerts.kind, filter.kind) : undefined,
    filter.connection ? eq(alerts.connectionId, filter.connection) : undefined,
    filter.merchant ? eq(alerts.accountId, filter.merchant) : undefined,
    filter.needsPerson ? eq(alerts.needsPerson, filter.needsPerson === "1") : undefined,
  ];
  // Named: with hundreds of merchants in scope SQLite would rather search (account, state) for every open
  // alert. A kind filter seeks its kind's snoozes only.
  const index = filter.kind ? sql`alerts_open_snoozed_kind_idx` : sql`alerts_open_snoozed_idx`;
  const [row] = await db
    .select({ n: count() })
    .from(sql`${alerts} indexed by ${index}`)
    .where(and(...conditions));
  return row?.n ?? 0;
}
