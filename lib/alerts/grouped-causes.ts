import { and, eq, gt, inArray, sql, sum } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertCauseTallies, alerts, connections, orders } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

export type CauseGroup =
  | { type: "unmapped_ship_method"; label: string; orders: number; merchants: string[] }
  | { type: "same_error"; connectionId: number; connectionName: string; merchantName: string; message: string; alerts: number };

const RETRIED_KINDS = ["order_send_failed", "tracking_push_failed", "inventory_push_failed"] as const;

/**
 * Alerts that share one fix, shown together: every order held on one unmapped ship-method label (one
 * mapping releases them all), and many records failing with the same message on one connection.
 * Open alerts are read from the cause tallies the triggers keep; the snoozed ones, a matter of time
 * rather than state, are counted through their own small index and taken off.
 */
export async function groupedCauses(db: DbOrTx, scope: Scope, now: Date, minimum = 5): Promise<CauseGroup[]> {
  if (scope.merchantIds.length === 0) return [];
  const [unmapped, unmappedSnoozed, sameError, sameErrorSnoozed] = await Promise.all([
    db
      .select({ label: alertCauseTallies.cause, merchant: accounts.name, n: sum(alertCauseTallies.n).mapWith(Number) })
      .from(alertCauseTallies)
      .innerJoin(accounts, eq(accounts.id, alertCauseTallies.accountId))
      .where(and(within(alertCauseTallies.accountId, scope.merchantIds), eq(alertCauseTallies.kind, "ship_method_unmapped")))
      .groupBy(alertCauseTallies.cause, accounts.name),
    db.all<{ label: string; merchant: string; n: number }>(
      sql`select ${orders.shipMethodLabel} as label, ${accounts.name} as merchant, count(*) as n from ${snoozedOpenAlerts}
        join ${orders} on ${orders.id} = ${alerts.orderId} join ${accounts} on ${accounts.id} = ${alerts.accountId}
        where ${and(snoozedWithin(scope, now), eq(alerts.kind, "ship_method_unmapped"))} group by 1, 2`,
    ),
    db
      .select({
        connectionId: alertCauseTallies.connectionId,
        connectionName: connections.name,
        merchantName: accounts.name,
        message: alertCauseTallies.cause,
        n: sum(alertCauseTallies.n).mapWith(Number),
      })
      .from(alertCauseTallies)
      .innerJoin(connections, eq(connections.id, alertCauseTallies.connectionId))
      .innerJoin(accounts, eq(accounts.id, connections.accountId))
      .where(and(within(alertCauseTallies.accountId, scope.merchantIds), inArray(alertCauseTallies.kind, [...RETRIED_KINDS])))
      .groupBy(alertCauseTallies.connectionId, alertCauseTallies.cause),
    db.all<{ connectionId: number; message: string; n: number }>(
      sql`select ${alerts.connectionId} as connectionId, ${alerts.message} as message, count(*) as n from ${snoozedOpenAlerts}
        where ${and(snoozedWithin(scope, now), eq(alerts.needsPerson, false), inArray(alerts.kind, [...RETRIED_KINDS]))} group by 1, 2`,
    ),
  ]);

  const key = (...parts: unknown[]) => JSON.stringify(parts);
  const snoozedLabels = new Map(unmappedSnoozed.map((r) => [key(r.label, r.merchant), r.n]));
  const byLabel = new Map<string, { orders: number; merchants: string[] }>();
  for (const row of unmapped) {
    const n = row.n - (snoozedLabels.get(key(row.label, row.merchant)) ?? 0);
    if (n <= 0) continue;
    const group = byLabel.get(row.label) ?? { orders: 0, merchants: [] };
    group.orders += n;
    group.merchants.push(row.merchant);
    byLabel.set(row.label, group);
  }
  const snoozedErrors = new Map(sameErrorSnoozed.map((r) => [key(r.connectionId, r.message), r.n]));
  const errors = sameError
    .map((r) => ({ ...r, n: r.n - (snoozedErrors.get(key(r.connectionId, r.message)) ?? 0) }))
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3);
  return [
    ...[...byLabel.entries()]
      .sort((a, b) => b[1].orders - a[1].orders)
      .map(([label, g]) => ({ type: "unmapped_ship_method" as const, label, ...g })),
    ...errors
      .filter((r) => r.n >= minimum)
      .map((r) => ({
        type: "same_error" as const,
        connectionId: r.connectionId,
        connectionName: r.connectionName,
        merchantName: r.merchantName,
        message: r.message,
        alerts: r.n,
      })),
  ];
}

/** Open alerts snoozed past `now`, read through their partial index (the condition written as the index's). */
const snoozedOpenAlerts = sql`${alerts} indexed by alerts_open_snoozed_idx`;

function snoozedWithin(scope: Scope, now: Date) {
  return and(sql`${alerts.state} = 'open'`, gt(alerts.snoozedUntil, now), within(alerts.accountId, scope.merchantIds));
}
