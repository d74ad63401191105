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
  const [labels, errors] = await Promise.all([unmappedLabels(db, scope, now), topErrors(db, scope, now, minimum)]);
  return [
    ...labels,
    ...errors.map((r) => ({
      type: "same_error" as const,
      connectionId: r.connectionId,
      connectionName: r.connectionName,
      merchantName: r.merchantName,
      message: r.message,
      alerts: r.n,
    })),
  ];
}

const key = (...parts: unknown[]) => JSON.stringify(parts);

/** Every unmapped ship-method label with open orders held on it, the most held first. */
async function unmappedLabels(db: DbOrTx, scope: Scope, now: Date) {
  const [unmapped, snoozed] = await Promise.all([
    db
      .select({ label: alertCauseTallies.cause, merchant: accounts.name, n: sum(alertCauseTallies.n).mapWith(Number) })
      .from(alertCauseTallies)
      .innerJoin(accounts, eq(accounts.id, alertCauseTallies.accountId))
      .where(and(within(alertCauseTallies.accountId, scope.merchantIds), eq(alertCauseTallies.kind, "ship_method_unmapped")))
      .groupBy(alertCauseTallies.cause, accounts.name),
    db.all<{ label: string; merchant: string; n: number }>(
      sql`select ${orders.shipMethodLabel} as label, ${accounts.name} as merchant, count(*) as n
        from ${alerts} indexed by alerts_open_snoozed_kind_idx
        join ${orders} on ${orders.id} = ${alerts.orderId} join ${accounts} on ${accounts.id} = ${alerts.accountId}
        where ${and(eq(alerts.kind, "ship_method_unmapped"), snoozedWithin(scope, now))} group by 1, 2`,
    ),
  ]);
  const snoozedLabels = new Map(snoozed.map((r) => [key(r.label, r.merchant), r.n]));
  const byLabel = new Map<string, { orders: number; merchants: { name: string; n: number }[] }>();
  for (const row of unmapped) {
    const n = row.n - (snoozedLabels.get(key(row.label, row.merchant)) ?? 0);
    if (n <= 0) continue;
    const group = byLabel.get(row.label) ?? { orders: 0, merchants: [] };
    group.orders += n;
    group.merchants.push({ name: row.merchant, n });
    byLabel.set(row.label, group);
  }
  // Merchants with the most orders held first: a warehouse's card names those, then how many more.
  return [...byLabel.entries()]
    .sort((a, b) => b[1].orders - a[1].orders)
    .map(([label, g]) => ({
      type: "unmapped_ship_method" as const,
      label,
      orders: g.orders,
      merchants: g.merchants.sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).map((m) => m.name),
    }));
}

const TOP_ERRORS = 3;
const CANDIDATES_PER_READ = 8;

/**
 * The three most frequent retried errors on one connection, with at least `minimum` open alerts not snoozed.
 * The tallies give each (connection, message)'s open alerts, snoozed included; the snoozed are counted only
 * for the most frequent candidates, a few connections at a time, until no candidate left could outnumber the
 * third found (a count less its snoozed can only fall). Exact, without reading every snoozed alert.
 */
async function topErrors(db: DbOrTx, scope: Scope, now: Date, minimum: number) {
  const candidates = (
    await db
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
      .groupBy(alertCauseTallies.connectionId, alertCauseTallies.cause)
  )
    .filter((r) => r.n >= minimum)
    .sort((a, b) => b.n - a.n);
  const found: typeof candidates = [];
  for (let i = 0; i < candidates.length; i += CANDIDATES_PER_READ) {
    const batch = candidates.slice(i, i + CANDIDATES_PER_READ);
    const snoozed = await snoozedErrors(db, scope, now, [...new Set(batch.map((r) => r.connectionId))]);
    for (const r of batch) {
      const n = r.n - (snoozed.get(key(r.connectionId, r.message)) ?? 0);
      if (n >= minimum) found.push({ ...r, n });
    }
    found.sort((a, b) => b.n - a.n);
    const next = candidates[i + CANDIDATES_PER_READ];
    if (!next || (found.length >= TOP_ERRORS && found[TOP_ERRORS - 1]!.n >= next.n)) break;
  }
  return found.slice(0, TOP_ERRORS);
}

/** Snoozed open alerts on some connections, per (connection, message), through the index by connection. */
async function snoozedErrors(db: DbOrTx, scope: Scope, now: Date, connectionIds: number[]) {
  const rows = await db.all<{ connectionId: number; message: string; n: number }>(
    sql`select ${alerts.connectionId} as connectionId, ${alerts.message} as message, count(*) as n
      from ${alerts} indexed by alerts_open_snoozed_connection_idx
      where ${and(
        inArray(alerts.connectionId, connectionIds),
        inArray(alerts.kind, [...RETRIED_KINDS]),
        snoozedWithin(scope, now),
        eq(alerts.needsPerson, false),
      )} group by 1, 2`,
  );
  return new Map(rows.map((r) => [key(r.connectionId, r.message), r.n]));
}

/** Open alerts snoozed past `now` (the condition written as the partial indexes' own, so they can serve it). */
function snoozedWithin(scope: Scope, now: Date) {
  return and(sql`${alerts.state} = 'open'`, gt(alerts.snoozedUntil, now), within(alerts.accountId, scope.merchantIds));
}

/** "A, B and C", or "A, B, C and 197 more merchants": a list of names short enough for a card. */
export function namesInBrief(names: string[], shown = 3): string {
  if (names.length <= shown + 1) return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  return `${names.slice(0, shown).join(", ")} and ${names.length - shown} more merchants`;
}
