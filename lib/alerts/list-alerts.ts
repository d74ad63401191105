import { and, asc, count, desc, eq, gt, gte, isNull, lt, lte, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, deliveries } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import type { AlertFilter } from "./alert-filter";

export type AlertCursor = { lastSeenAt: number; id: number };
export type AlertRow = Awaited<ReturnType<typeof listAlerts>>["rows"][number];

const notSnoozed = (now: Date) => or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, now));

/** Prefix match on order number (with or without its '#') or product code: index range scans, no LIKE. */
function search(q: string): SQL {
  const prefix = (column: typeof alerts.orderNumber | typeof alerts.productCode, value: string) => and(gte(column, value), lt(column, `${value}\uffff`))!;
  const terms = [prefix(alerts.orderNumber, q), prefix(alerts.productCode, q.toUpperCase())];
  if (!q.startsWith("#")) terms.push(prefix(alerts.orderNumber, `#${q.toUpperCase()}`));
  return or(...terms)!;
}

/** Everything but paging: which of the caller's alerts a filter selects. */
export function alertConditions(scope: Scope, filter: Partial<AlertFilter>, now: Date): SQL {
  const state = filter.state ?? "open";
  return and(
    within(alerts.accountId, scope.merchantIds),
    state === "open" ? and(eq(alerts.state, "open"), notSnoozed(now)) : undefined,
    state === "snoozed" ? and(eq(alerts.state, "open"), gt(alerts.snoozedUntil, now)) : undefined,
    state === "resolved" || state === "dismissed" ? eq(alerts.state, state) : undefined,
    filter.kind ? eq(alerts.kind, filter.kind) : undefined,
    filter.connection ? eq(alerts.connectionId, filter.connection) : undefined,
    filter.merchant ? eq(alerts.accountId, filter.merchant) : undefined,
    filter.needsPerson ? eq(alerts.needsPerson, filter.needsPerson === "1") : undefined,
    filter.q ? search(filter.q) : undefined,
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
  const beyond = after
    ? or(
        (oldest ? gt : lt)(alerts.lastSeenAt, new Date(after.lastSeenAt)),
        and(eq(alerts.lastSeenAt, new Date(after.lastSeenAt)), (oldest ? gt : lt)(alerts.id, after.id)),
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
      occurrences: alerts.occurrences,
      firstSeenAt: alerts.firstSeenAt,
      lastSeenAt: alerts.lastSeenAt,
      giveUpAt: alerts.giveUpAt,
      snoozedUntil: alerts.snoozedUntil,
      resolvedAt: alerts.resolvedAt,
      dismissedAt: alerts.dismissedAt,
      connectionName: connections.name,
      connectionKind: connections.kind,
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

export async function countAlerts(db: DbOrTx, scope: Scope, filter: Partial<AlertFilter>, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alerts).where(alertConditions(scope, filter, now));
  return row?.n ?? 0;
}

/** The navigation badge: open alerts that are not snoozed. */
export function countOpenAlerts(db: DbOrTx, scope: Scope, now = new Date()): Promise<number> {
  return countAlerts(db, scope, { state: "open" }, now);
}

/** The open alerts, newest first. */
export function listOpenAlerts(db: DbOrTx, scope: Scope, params: { limit?: number; after?: AlertCursor; now?: Date } = {}) {
  return listAlerts(db, scope, { state: "open" }, { now: params.now ?? new Date(), limit: params.limit, after: params.after });
}

