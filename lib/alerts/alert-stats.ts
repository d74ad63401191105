import { and, count, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, type AlertKind, type AlertState } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

const DAY = 86_400_000;

/** Counts per kind and per state of the caller's alerts, for the filter chips. */
export async function alertCounts(db: DbOrTx, scope: Scope) {
  const rows = await db
    .select({ kind: alerts.kind, state: alerts.state, n: count() })
    .from(alerts)
    .where(within(alerts.accountId, scope.merchantIds))
    .groupBy(alerts.kind, alerts.state);
  const byKind: Partial<Record<AlertKind, number>> = {};
  const byState: Record<AlertState, number> = { open: 0, resolved: 0, dismissed: 0 };
  for (const r of rows) {
    if (r.state === "open") byKind[r.kind] = (byKind[r.kind] ?? 0) + r.n;
    byState[r.state] += r.n;
  }
  return { openByKind: byKind, byState };
}

export type DayActivity = { day: string; raised: number; resolved: number };

/** Alerts raised and resolved per UTC day over the last `days` days, oldest first, every day present. */
export async function dailyActivity(db: DbOrTx, scope: Scope, now: Date, days = 14): Promise<DayActivity[]> {
  const start = Math.floor(now.getTime() / DAY) * DAY - (days - 1) * DAY;
  // The divisor is inlined: a bound number may arrive as a REAL, which would make the division fractional.
  const dayOf = (column: typeof alerts.firstSeenAt | typeof alerts.resolvedAt) => sql<number>`(${column} / ${sql.raw(String(DAY))})`;
  const [raised, resolved] = await Promise.all([
    db
      .select({ day: dayOf(alerts.firstSeenAt), n: count() })
      .from(alerts)
      .where(and(within(alerts.accountId, scope.merchantIds), gte(alerts.firstSeenAt, new Date(start))))
      .groupBy(dayOf(alerts.firstSeenAt)),
    db
      .select({ day: dayOf(alerts.resolvedAt), n: count() })
      .from(alerts)
      .where(and(within(alerts.accountId, scope.merchantIds), eq(alerts.state, "resolved"), gte(alerts.resolvedAt, new Date(start))))
      .groupBy(dayOf(alerts.resolvedAt)),
  ]);
  const tally = (rows: { day: number; n: number }[]) => new Map(rows.map((r) => [Math.floor(Number(r.day)), r.n]));
  const raisedBy = tally(raised);
  const resolvedBy = tally(resolved);
  return Array.from({ length: days }, (_, i) => {
    const dayIndex = start / DAY + i;
    return { day: new Date(dayIndex * DAY).toISOString().slice(0, 10), raised: raisedBy.get(dayIndex) ?? 0, resolved: resolvedBy.get(dayIndex) ?? 0 };
  });
}
