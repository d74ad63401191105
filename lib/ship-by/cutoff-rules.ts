// Ship-by from a warehouse's cutoff rules (docs/ship-by.md#cutoffs): "orders placed before 14:00 local ship the
// same business day". An order placed before its ship method's cutoff on a business day must leave by that
// day's cutoff; placed later, or on a day off, by the next business day's cutoff. All in the warehouse's zone.
import type { CutoffSettings } from "@/db/schema";
import { addDays, isoDate, localParts, parseLocalTime, weekdayOf, zonedInstant, type LocalDate } from "./zoned-time";

export type CutoffRules = Pick<CutoffSettings, "timeZone" | "defaultCutoff" | "methodCutoffs" | "weekdaysOff" | "holidays" | "leadMinutes">;

export const DEFAULT_LEAD_MINUTES = 120;
/** Far enough to cross any run of days off a warehouse would set (a fortnight's closure, weekends around it). */
const MAX_DAYS_AHEAD = 60;

/** The cutoff of a ship method, in minutes after local midnight (a label without its own uses the default). */
export function cutoffMinutes(rules: CutoffRules, shipMethodLabel: string | null): number {
  const own = shipMethodLabel ? rules.methodCutoffs[shipMethodLabel] : undefined;
  return parseLocalTime(own ?? rules.defaultCutoff) ?? 14 * 60;
}

export function isBusinessDay(rules: CutoffRules, date: LocalDate): boolean {
  return !rules.weekdaysOff.includes(weekdayOf(date)) && !rules.holidays.includes(isoDate(date));
}

/** When an order placed at `placedAt` with this ship method must leave the warehouse. */
export function shipByFromCutoffs(rules: CutoffRules, placedAt: Date, shipMethodLabel: string | null): Date {
  const cutoff = cutoffMinutes(rules, shipMethodLabel);
  const local = localParts(placedAt, rules.timeZone);
  let day: LocalDate = local;
  if (!(isBusinessDay(rules, day) && local.minutes < cutoff)) day = nextBusinessDay(rules, day);
  return zonedInstant(day, cutoff, rules.timeZone);
}

/** The next cutoff of the default rule at or after `now`: the Alerts tab's "today's 14:00 cutoff". */
export function nextDefaultCutoff(rules: CutoffRules, now: Date): { at: Date; today: boolean; label: string } {
  const cutoff = cutoffMinutes(rules, null);
  const local = localParts(now, rules.timeZone);
  const today = isBusinessDay(rules, local) && local.minutes < cutoff;
  const day = today ? local : nextBusinessDay(rules, local);
  return { at: zonedInstant(day, cutoff, rules.timeZone), today, label: rules.defaultCutoff };
}

function nextBusinessDay(rules: CutoffRules, from: LocalDate): LocalDate {
  for (let i = 1; i <= MAX_DAYS_AHEAD; i++) {
    const day = addDays(from, i);
    if (isBusinessDay(rules, day)) return day;
  }
  return addDays(from, 1);
}
