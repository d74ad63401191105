import { and, asc, desc, eq, gt, gte, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, deliveries } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import type { AlertFilter } from "./alert-filter";

export type AlertCursor = { lastSeenAt: number; id: number };
export type AlertRow = Awaited<ReturnType<typeof listAlerts>>["rows"][number];

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

/** Everything but paging: which of the caller's alerts a filter selects. */
export function alertConditions(scope: Scope, filter: Partial<AlertFilter>, now: Date): SQL {
  const state = filter.state ?? "open";
  // With a search, the matching ids come from the search's own index searches (scope included): the other
  // terms only filter those few rows. SQLite's unary + keeps them from driving an index walk of their own.
  const term = (column: SQLiteColumn): SQL => (filter.q ? sql`+${column}` : sql`${column}`);
  const open = eq(term(alerts.state), "open");
  return and(
    filter.q ? undefined : within(alerts.accountId, scope.merchantIds),
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
  const rows = await db
    .select({
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
    })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .leftJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
    .where(and(alertConditions(scope, filter, params.now), beyond))
    .orderBy(direction(alerts.lastSeenAt), direction(alerts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next: AlertCursor | null = rows.length > limit && last ? { lastSeenAt: last.lastSeenAt.getTime(), id: last.id } : null;
  return { rows: page, next };
}

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
  return listAlerts(db, scope, { state: "open" }, { now: params.now ?? new Date(), limit: params.limit, after: params.after });
}
