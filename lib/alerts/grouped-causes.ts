import { and, count, desc, eq, isNull, lte, max, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, orders } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

export type CauseGroup =
  | { type: "unmapped_ship_method"; label: string; orders: number; merchants: string[] }
  | { type: "same_error"; connectionId: number; connectionName: string; message: string; alerts: number };

/**
 * Alerts that share one fix, shown together: every order held on one unmapped ship-method label (one
 * mapping releases them all), and many records failing with the same message on one connection.
 */
export async function groupedCauses(db: DbOrTx, scope: Scope, now: Date, minimum = 5): Promise<CauseGroup[]> {
  const open = and(within(alerts.accountId, scope.merchantIds), eq(alerts.state, "open"), or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, now)));
  const [unmapped, sameError] = await Promise.all([
    db
      .select({ label: orders.shipMethodLabel, merchant: accounts.name, n: count() })
      .from(alerts)
      .innerJoin(orders, eq(orders.id, alerts.orderId))
      .innerJoin(accounts, eq(accounts.id, alerts.accountId))
      .where(and(open, eq(alerts.kind, "ship_method_unmapped")))
      .groupBy(orders.shipMethodLabel, accounts.name),
    db
      .select({ connectionId: alerts.connectionId, connectionName: connections.name, message: alerts.message, n: count(), last: max(alerts.lastSeenAt) })
      .from(alerts)
      .innerJoin(connections, eq(connections.id, alerts.connectionId))
      .where(and(open, eq(alerts.needsPerson, false), or(eq(alerts.kind, "order_send_failed"), eq(alerts.kind, "tracking_push_failed"), eq(alerts.kind, "inventory_push_failed"))))
      .groupBy(alerts.connectionId, alerts.message)
      .orderBy(desc(count()))
      .limit(3),
  ]);
  const byLabel = new Map<string, { orders: number; merchants: string[] }>();
  for (const row of unmapped) {
    const group = byLabel.get(row.label) ?? { orders: 0, merchants: [] };
    group.orders += row.n;
    group.merchants.push(row.merchant);
    byLabel.set(row.label, group);
  }
  return [
    ...[...byLabel.entries()]
      .sort((a, b) => b[1].orders - a[1].orders)
      .map(([label, g]) => ({ type: "unmapped_ship_method" as const, label, ...g })),
    ...sameError
      .filter((r) => r.n >= minimum && r.connectionId)
      .map((r) => ({ type: "same_error" as const, connectionId: r.connectionId!, connectionName: r.connectionName, message: r.message, alerts: r.n })),
  ];
}
