import { and, count, desc, eq, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

export type AlertRow = Awaited<ReturnType<typeof listOpenAlerts>>["rows"][number];
export type AlertCursor = { lastSeenAt: number; id: number };

/** The caller's open alerts, newest first, a page at a time (keyset on last seen + id). */
export async function listOpenAlerts(db: DbOrTx, scope: Scope, params: { limit?: number; after?: AlertCursor } = {}) {
  const limit = params.limit ?? 50;
  const after = params.after;
  const rows = await db
    .select({
      id: alerts.id,
      kind: alerts.kind,
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
      connectionName: connections.name,
      connectionPlatform: connections.platform,
      merchantName: accounts.name,
    })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .where(
      and(
        within(alerts.accountId, scope.merchantIds),
        eq(alerts.state, "open"),
        after
          ? or(
              lt(alerts.lastSeenAt, new Date(after.lastSeenAt)),
              and(eq(alerts.lastSeenAt, new Date(after.lastSeenAt)), lt(alerts.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(alerts.lastSeenAt), desc(alerts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next: AlertCursor | null = rows.length > limit && last ? { lastSeenAt: last.lastSeenAt.getTime(), id: last.id } : null;
  return { rows: page, next };
}

export async function countOpenAlerts(db: DbOrTx, scope: Scope): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(alerts)
    .where(and(within(alerts.accountId, scope.merchantIds), eq(alerts.state, "open")));
  return row?.n ?? 0;
}
