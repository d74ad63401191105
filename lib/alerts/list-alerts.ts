import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, deliveries } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import type { AlertFilter } from "./alert-filter";

/** Where the next page starts: last seen + id, or for the urgent order's first part (alerts with a ship-by) ship-by + id. */
export type AlertCursor = { lastSeenAt: number; id: number; shipBy?: number };
/** The urgent order's second part from its start: the alerts without a ship-by, newest first. */
const FROM_THE_TOP = 8.64e15;
export type AlertRow = Awaited<ReturnType<ReturnType<typeof selectRows>["where"]>>[number];

const notSnoozed = (now: Date) => or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, now));

/**
 * Prefix match on order number (with or without its '#') or product code, as the ids of a UNION ALL of
 * index range searches on (account, order number) and (account, product code): each branch keeps the
 * scope's accounts in its index search, so the outer query looks alerts up by id and never walks them.
 */
function search(scope: Scope, q: string): SQL {
  const prefix = (column: typeof alerts.orderNumber | typeof alerts.productCode, value: string) =>
    sql`select ${alerts.id} from ${alerts} where ${within(alerts.accountId, scope.merchantIds)} and ${column} >= ${value} and ${column} < ${`${value}\uffff`}`;
  const branches = [prefix(alerts.orderNumber, q), prefix(alerts.productCode, q.toUpperCase())];
  if (!q.startsWith("#")) branches.push(prefix(alerts.orderNumber, `#${q.toUpperCase()}`));
  return sql`${alerts.id} in (${sql.join(branches, sql` union all `)})`;
}

function plusWithin(ids: number[]): SQL {
  return ids.length
    ? sql`+${alerts.accountId} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`0`;
}

/** Kinds that are never about an order on its way to the WMS: they carry no ship-by (lib/alerts/record-alert.ts). */
const WITHOUT_SHIP_BY = new Set(["tracking_push_failed", "inventory_push_failed", "connection_down", "connection_silent"]);

/** Everything but paging: which of the caller's alerts a filter selects. */
export function alertConditions(scope: Scope, filter: Partial<AlertFilter>, now: Date, walk?: "ship_by"): SQL {
  const state = filter.state ?? "open";
  // With a search, the matching ids come from the search's own index searches (scope included): the other
  // terms only filter those few rows. SQLite's unary + keeps them from driving an index walk of their own.
  // Likewise when the urgency order walks the partial index of ship-bys in order (`walk`).
  const term = (column: SQLiteColumn): SQL => (filter.q || walk ? sql`+${column}` : sql`${column}`);
  const open = eq(term(alerts.state), "open");
  return and(
    filter.q ? undefined : walk ? plusWithin(scope.merchantIds) : within(alerts.accountId, scope.merchantIds),
    state === "open" ? and(open, notSnoozed(now)) : undefined,
    state === "snoozed" ? and(open, gt(alerts.snoozedUntil, now)) : undefined,
    state === "resolved" || state === "dismissed" ? eq(term(alerts.state), state) : undefined,
    filter.kind ? eq(term(alerts.kind), filter.kind) : undefined,
    filter.connection ? eq(term(alerts.connectionId), filter.connection) : undefined,
    filter.merchant ? eq(term(alerts.accountId), filter.merchant) : undefined,
    filter.needsPerson ? eq(term(alerts.needsPerson), filter.needsPerson === "1" ? 1 : 0) : undefined,
    filter.q ? search(scope, filter.q) : undefined,
  )!;
}

/** The caller's alerts matching a filter, a page at a time (keyset on last seen + id, so page 500 is as fast as page 1). */
export async function listAlerts(
  db: DbOrTx,
  scope: Scope,
  filter: Partial<AlertFilter>,
  params: { now: Date; limit?: number; after?: AlertCursor },
) {
  const limit = params.limit ?? 50;
  const state = filter.state ?? "open";
  if (filter.sort !== "oldest" && filter.sort !== "newest" && (state === "open" || state === "snoozed"))
    return listUrgentAlerts(db, scope, filter, { ...params, limit });
  return listByLastSeen(db, scope, filter, { ...params, limit });
}

/**
 * Urgency (docs/ship-by.md#urgency): the alerts whose order has a ship-by, soonest (or most overdue) first, read in
 * order from the partial index of open alerts with a ship-by; then every other alert, newest first. Both parts are
 * read at once, each in one statement, so a page costs one round trip on a server (docs/deploy.md#round-trips).
 */
async function listUrgentAlerts(
  db: DbOrTx,
  scope: Scope,
  filter: Partial<AlertFilter>,
  params: { now: Date; limit: number; after?: AlertCursor },
) {
  const { limit, after, now } = params;
  const withShipBy = (!after || after.shipBy !== undefined) && !(filter.kind && WITHOUT_SHIP_BY.has(filter.kind));
  const [first, rest] = await Promise.all([
    withShipBy ? listWithShipBy(db, scope, filter, { now, limit, after }) : Promise.resolve([] as AlertRow[]),
    // The second part from its top unless the cursor is in it; its first rows fill what the first part leaves.
    listByLastSeen(
      db,
      scope,
      { ...filter, sort: "newest", noShipBy: true },
      { now, limit, after: after?.shipBy === undefined ? after : undefined },
    ),
  ]);
  if (first.length > limit) {
    const page = first.slice(0, limit);
    const last = page[page.length - 1]!;
    return { rows: page, next: { shipBy: last.shipBy!.getTime(), lastSeenAt: last.lastSeenAt.getTime(), id: last.id } as AlertCursor };
  }
  const room = limit - first.length;
  if (rest.rows.length <= room) return { rows: [...first, ...rest.rows], next: rest.next };
  const taken = rest.rows.slice(0, room);
  const last = taken[taken.length - 1];
  // A page the first part filled exactly goes on with the second part from its top.
  const next: AlertCursor = last ? { lastSeenAt: last.lastSeenAt.getTime(), id: last.id } : { lastSeenAt: FROM_THE_TOP, id: 0 };
  return { rows: [...first, ...taken], next };
}

/** The first part of the urgent order: up to limit + 1 open alerts with a ship-by after the cursor, soonest first. */
async function listWithShipBy(
  db: DbOrTx,
  scope: Scope,
  filter: Partial<AlertFilter>,
  params: { now: Date; limit: number; after?: AlertCursor },
): Promise<AlertRow[]> {
  const { limit, after, now } = params;
  // A single merchant's few open alerts are sorted faster than the index is walked past everyone else's.
  const walk = scope.merchantIds.length > 1 && !filter.merchant && !filter.connection && !filter.q;
  const beyond = after
    ? and(
        gte(alerts.shipBy, new Date(after.shipBy!)),
        or(gt(alerts.shipBy, new Date(after.shipBy!)), and(eq(alerts.shipBy, new Date(after.shipBy!)), gt(alerts.id, after.id))),
      )
    : undefined;
  const where = and(
    alertConditions(scope, filter, now, walk ? "ship_by" : undefined),
    // Literal, as the partial index alerts_open_ship_by_idx names it: a bound 'open' could not use it.
    sql`${alerts.state} = 'open' and ${alerts.shipBy} is not null`,
    beyond,
  );
  const soonest = [asc(alerts.shipBy), asc(alerts.id)];
  if (!walk)
    return selectRows(db)
      .where(where)
      .orderBy(...soonest)
      .limit(limit + 1);
  // The ids through the partial index in its order, named: the literal `state = 'open'` would otherwise lead SQLite
  // to the state index and a sort of every open alert (1 s at 1M alerts instead of 1 ms;
  // docs/decisions/0009-urgency-reads-its-index.md). Then those rows with their joins, in the same statement.
  const ids = sql`(select ${alerts.id} from ${alerts} indexed by alerts_open_ship_by_idx where ${where} order by ${alerts.shipBy}, ${alerts.id} limit ${limit + 1})`;
  return selectRows(db)
    .where(inArray(alerts.id, ids))
    .orderBy(...soonest);
}

function selectRows(db: DbOrTx) {
  return db
    .select(ROW)
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .leftJoin(deliveries, eq(deliveries.id, alerts.deliveryId));
}

async function listByLastSeen(
  db: DbOrTx,
  scope: Scope,
  filter: Partial<AlertFilter> & { noShipBy?: boolean },
  params: { now: Date; limit: number; after?: AlertCursor },
) {
  const { limit } = params;
  const oldest = filter.sort === "oldest";
  const after = params.after;
  // The first term repeats the bound on its own so SQLite can start the index range there (an OR alone
  // would make it walk every row before the cursor: page 500 would cost 500 pages).
  const beyond = after
    ? and(
        (oldest ? gte : lte)(alerts.lastSeenAt, new Date(after.lastSeenAt)),
        or(
          (oldest ? gt : lt)(alerts.lastSeenAt, new Date(after.lastSeenAt)),
          and(eq(alerts.lastSeenAt, new Date(after.lastSeenAt)), (oldest ? gt : lt)(alerts.id, after.id)),
        ),
      )
    : undefined;
  const direction = oldest ? asc : desc;
  const rows = await selectRows(db)
    .where(and(alertConditions(scope, filter, params.now), filter.noShipBy ? isNull(alerts.shipBy) : undefined, beyond))
    .orderBy(direction(alerts.lastSeenAt), direction(alerts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next: AlertCursor | null = rows.length > limit && last ? { lastSeenAt: last.lastSeenAt.getTime(), id: last.id } : null;
  return { rows: page, next };
}

const ROW = {
  id: alerts.id,
  kind: alerts.kind,
  state: alerts.state,
  needsPerson: alerts.needsPerson,
  message: alerts.message,
  orderNumber: alerts.orderNumber,
  orderId: alerts.orderId,
  productCode: alerts.productCode,
  httpStatus: alerts.httpStatus,
  errorCode: alerts.errorCode,
  occurrences: alerts.occurrences,
  firstSeenAt: alerts.firstSeenAt,
  lastSeenAt: alerts.lastSeenAt,
  giveUpAt: alerts.giveUpAt,
  snoozedUntil: alerts.snoozedUntil,
  resolvedAt: alerts.resolvedAt,
  dismissedAt: alerts.dismissedAt,
  connectionName: connections.name,
  connectionKind: connections.kind,
  connectionPlatform: connections.platform,
  syncIntervalMinutes: connections.syncIntervalMinutes,
  merchantName: accounts.name,
  deliveryKind: deliveries.kind,
  deliveryStatus: deliveries.status,
  nextAttemptAt: deliveries.nextAttemptAt,
  shipBy: alerts.shipBy,
};

/** The ids a filter selects (for bulk actions on the whole filtered set), at most `cap`. */
export async function alertIdsMatching(db: DbOrTx, scope: Scope, filter: Partial<AlertFilter>, now: Date, cap: number) {
  const rows = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(alertConditions(scope, filter, now))
    .orderBy(desc(alerts.lastSeenAt), desc(alerts.id))
    .limit(cap);
  return rows.map((r) => r.id);
}

/** The open alerts, newest first. */
export function listOpenAlerts(db: DbOrTx, scope: Scope, params: { limit?: number; after?: AlertCursor; now?: Date } = {}) {
  return listAlerts(
    db,
    scope,
    { state: "open", sort: "newest" },
    { now: params.now ?? new Date(), limit: params.limit, after: params.after },
  );
}
