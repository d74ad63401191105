import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts } from "@/db/schema";
import type { Scope } from "../tenancy/scope";
import { nextDefaultCutoff } from "./cutoff-rules";
import { loadCutoffRules } from "./load-cutoff-rules";
import { localParts } from "./zoned-time";

export type CutoffAtRisk = { orders: number; overdue: number; cutoffAt: Date; headline: string; leadMinutes: number; timeZone: string };

/** Counted up to this many; beyond, the card says "more than". */
const CAP = 200;
/** Overdue within this long is still told on the card; older ones are in the list. */
const OVERDUE_MS = 24 * 3_600_000;
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
  // Each count is a range of the partial index alerts_open_ship_by_idx, named (the literal state = 'open' would lead
  // SQLite to the state index), read at most CAP + 1 orders deep; the scope's and the snooze's terms filter those rows.
  const count = async (from: number, to: number) => {
    const rows = await db.all<{ n: number }>(sql`
      select count(*) as n from (
        select distinct ${alerts.orderId} from ${alerts} indexed by alerts_open_ship_by_idx
        where ${alerts.state} = 'open' and ${alerts.shipBy} is not null and ${alerts.shipBy} > ${from} and ${alerts.shipBy} <= ${to}
          and +${alerts.accountId} in (${sql.join(scope.merchantIds.length ? scope.merchantIds.map((id) => sql`${id}`) : [sql`null`], sql`, `)})
          and (${alerts.snoozedUntil} is null or ${alerts.snoozedUntil} <= ${now.getTime()})
        limit ${CAP + 1})`);
    return Number(rows[0]?.n ?? 0);
  };
  const [orders, overdue] = await Promise.all([
    count(now.getTime(), cutoff.at.getTime()),
    count(now.getTime() - OVERDUE_MS, now.getTime()),
  ]);
  const day = cutoff.today ? "today's" : dayName(cutoff.at, now, rules.timeZone);
  const noun = orders === 1 ? "order" : "orders";
  const headline = `${orders > CAP ? `More than ${CAP.toLocaleString("en")}` : orders} ${noun} will miss ${day} ${cutoff.label} cutoff unless fixed`;
  return { orders, overdue, cutoffAt: cutoff.at, headline, leadMinutes: rules.leadMinutes, timeZone: rules.timeZone };
}

function dayName(at: Date, now: Date, timeZone: string): string {
  const a = localParts(at, timeZone);
  const n = localParts(new Date(now.getTime() + 86_400_000), timeZone);
  if (a.year === n.year && a.month === n.month && a.day === n.day) return "tomorrow's";
  return `${WEEKDAY_NAMES[a.weekday]}'s`;
}
