import { and, eq, gt, inArray, sql } from "drizzle-orm";
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

/**
 * Every unmapped ship-method label with open orders held on it, the most held first, with its merchants (those with
 * the most orders held first: a warehouse's card names those, then how many more). One statement that returns one
 * row per label: the tallies per label and merchant, less the snoozed, summed in SQL.
 */
async function unmappedLabels(db: DbOrTx, scope: Scope, now: Date) {
  const rows = await db.all<{ label: string; orders: number; merchants: string }>(
    sql`with snoozed as (
        select ${alerts.accountId} as account_id, ${orders.shipMethodLabel} as label, count(*) as n
        from ${alerts} indexed by alerts_open_snoozed_kind_idx join ${orders} on ${orders.id} = ${alerts.orderId}
        where ${and(eq(alerts.kind, "ship_method_unmapped"), snoozedWithin(scope, now))} group by 1, 2
      ), held as (
        select ${alertCauseTallies.cause} as label, ${alertCauseTallies.accountId} as account_id, sum(${alertCauseTallies.n}) as n
        from ${alertCauseTallies}
        where ${and(within(alertCauseTallies.accountId, scope.merchantIds), eq(alertCauseTallies.kind, "ship_method_unmapped"))}
        group by 1, 2
      ), open as (
        select held.label, ${accounts.name} as merchant, held.n - coalesce(snoozed.n, 0) as n
        from held join ${accounts} on ${accounts.id} = held.account_id
        left join snoozed on snoozed.account_id = held.account_id and snoozed.label = held.label
      )
      select label, sum(n) as orders, json_group_array(merchant order by n desc, merchant) as merchants
      from open where n > 0 group by label order by orders desc, label`,
  );
  return rows.map((r) => ({
    type: "unmapped_ship_method" as const,
    label: r.label,
    orders: Number(r.orders),
    merchants: JSON.parse(r.merchants) as string[],
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
  const candidates: Candidate[] = [];
  let more = true;
  const found: Candidate[] = [];
  for (let i = 0; ; i += CANDIDATES_PER_READ) {
    // The candidates are read a page at a time, the most frequent first: the snoozed rarely move a page's worth.
    if (i + CANDIDATES_PER_READ > candidates.length && more) {
      const page = await candidatePage(db, scope, minimum, candidates.length);
      candidates.push(...page);
      more = page.length === CANDIDATES_PER_PAGE;
    }
    const batch = candidates.slice(i, i + CANDIDATES_PER_READ);
    if (batch.length === 0) break;
    const snoozed = await snoozedErrors(db, scope, now, [...new Set(batch.map((r) => r.connectionId))]);
    for (const r of batch) {
      const n = r.n - (snoozed.get(key(r.connectionId, r.message)) ?? 0);
      if (n >= minimum) found.push({ ...r, n });
    }
    found.sort((a, b) => b.n - a.n);
    const next = candidates[i + CANDIDATES_PER_READ];
    if (!next && !more) break;
    if (next && found.length >= TOP_ERRORS && found[TOP_ERRORS - 1]!.n >= next.n) break;
  }
  return found.slice(0, TOP_ERRORS);
}

type Candidate = { connectionId: number; connectionName: string; merchantName: string; message: string; n: number };
const CANDIDATES_PER_PAGE = 6 * CANDIDATES_PER_READ;

/**
 * (connection, message) pairs with at least `minimum` open alerts, the most first, a page from `offset`: grouped and
 * ranked in SQL, and only the page's rows joined to their names (a warehouse's tallies hold thousands of pairs).
 */
async function candidatePage(db: DbOrTx, scope: Scope, minimum: number, offset: number): Promise<Candidate[]> {
  const ranked = db
    .select({
      connectionId: alertCauseTallies.connectionId,
      message: alertCauseTallies.cause,
      n: sql<number>`sum(${alertCauseTallies.n})`.as("n"),
    })
    .from(alertCauseTallies)
    .where(and(within(alertCauseTallies.accountId, scope.merchantIds), inArray(alertCauseTallies.kind, [...RETRIED_KINDS])))
    .groupBy(alertCauseTallies.connectionId, alertCauseTallies.cause)
    .having(sql`sum(${alertCauseTallies.n}) >= ${minimum}`)
    .orderBy(sql`n desc`, alertCauseTallies.connectionId, alertCauseTallies.cause)
    .limit(CANDIDATES_PER_PAGE)
    .offset(offset)
    .as("ranked");
  const rows = await db
    .select({
      connectionId: ranked.connectionId,
      connectionName: connections.name,
      merchantName: accounts.name,
      message: ranked.message,
      n: ranked.n,
    })
    .from(ranked)
    .innerJoin(connections, eq(connections.id, ranked.connectionId))
    .innerJoin(accounts, eq(accounts.id, connections.accountId));
  return rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => b.n - a.n);
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
