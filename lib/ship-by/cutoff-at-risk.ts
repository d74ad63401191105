import { and, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import { nextDefaultCutoff } from "./cutoff-rules";
import { loadCutoffRules } from "./load-cutoff-rules";
import { localParts } from "./zoned-time";

export type CutoffAtRisk = { orders: number; overdue: number; cutoffAt: Date; headline: string; leadMinutes: number; timeZone: string };

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * The Alerts tab's card (docs/ship-by.md#urgency): how many orders with an open alert will miss the warehouse's next
 * cutoff unless fixed — "3 orders will miss today's 14:00 cutoff unless fixed" — and how many already missed their
 * ship-by. A range of the partial index of open alerts with a ship-by, so it reads only those orders' alerts.
 */
export async function cutoffAtRisk(db: DbOrTx, scope: Scope, now: Date): Promise<CutoffAtRisk | null> {
  const warehouseId = scope.warehouseIds[0];
  const rules = warehouseId === undefined ? null : await loadCutoffRules(db, warehouseId);
  if (!rules) return null;
  const cutoff = nextDefaultCutoff(rules, now);
  const [row] = await db
    .select({
      orders: sql<number>`count(distinct case when ${alerts.shipBy} > ${now.getTime()} then ${alerts.orderId} end)`,
      overdue: sql<number>`count(distinct case when ${alerts.shipBy} <= ${now.getTime()} then ${alerts.orderId} end)`,
    })
    .from(alerts)
    .where(
      and(
        // Literal, as the partial index names it.
        sql`${alerts.state} = 'open' and ${alerts.shipBy} is not null`,
        lte(alerts.shipBy, cutoff.at),
        // A week back is overdue enough to still be told; older ones are in the list.
        gt(alerts.shipBy, new Date(now.getTime() - 7 * 86_400_000)),
        within(alerts.accountId, scope.merchantIds),
        or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, now)),
      ),
    );
  const orders = Number(row?.orders ?? 0);
  const overdue = Number(row?.overdue ?? 0);
  const day = cutoff.today ? "today's" : dayName(cutoff.at, now, rules.timeZone);
  const noun = orders === 1 ? "order" : "orders";
  const headline = `${orders} ${noun} will miss ${day} ${cutoff.label} cutoff unless fixed`;
  return { orders, overdue, cutoffAt: cutoff.at, headline, leadMinutes: rules.leadMinutes, timeZone: rules.timeZone };
}

function dayName(at: Date, now: Date, timeZone: string): string {
  const a = localParts(at, timeZone);
  const n = localParts(new Date(now.getTime() + 86_400_000), timeZone);
  if (a.year === n.year && a.month === n.month && a.day === n.day) return "tomorrow's";
  return `${WEEKDAY_NAMES[a.weekday]}'s`;
}
