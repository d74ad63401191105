import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { accounts, alerts, cutoffSettings, orders, type CutoffSettings } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { isTimeZone } from "../format/time";
import { requireAdmin } from "../tenancy/roles";
import { shipByFromCutoffs } from "./cutoff-rules";
import { parseLocalTime } from "./zoned-time";

const localTime = z
  .string()
  .trim()
  .refine((v) => parseLocalTime(v) !== null, "A time of day such as 14:00 (24-hour clock).");

/** The Ship-by cutoffs form (app/(app)/settings/ship-by): the warehouse's zone, days off, cutoffs and lead time. */
export const CutoffSettingsInput = z.object({
  /** Needed only by someone who staffs several warehouses. */
  warehouseId: z.coerce.number().int().positive().optional(),
  timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone from the list, e.g. America/Chicago."),
  defaultCutoff: localTime,
  /** One per line: `Express Shipping = 16:00`. */
  methodCutoffs: z.string().max(5000, "At most 5,000 characters.").default(""),
  weekdaysOff: z.array(z.coerce.number().int().min(0).max(6)).max(6, "At least one day of the week must be a shipping day.").default([]),
  /** One date per line, or separated by commas: 2026-12-25. */
  holidays: z.string().max(5000, "At most 5,000 characters.").default(""),
  leadMinutes: z.coerce
    .number()
    .int("Whole minutes.")
    .min(0, "0 or more minutes.")
    .max(24 * 60, "At most 24 hours (1,440 minutes)."),
});
export type CutoffSettingsInput = z.input<typeof CutoffSettingsInput>;

/** Orders whose ship-by still matters: not yet at the WMS. */
const UNSENT = ["new", "error", "held", "skipped"] as const;

/**
 * Saves a warehouse's cutoff rules (docs/ship-by.md#cutoffs) and recomputes the ship-by of every order of its
 * merchants that has not reached the WMS and took its ship-by from the rules (a cart's own ship-by stays), with
 * their open alerts. Only an admin of the warehouse may (docs/roles.md).
 */
export async function saveCutoffSettings(ctx: Pick<CoreContext, "db" | "scope" | "now">, input: unknown) {
  const { db, scope, now } = ctx;
  const parsed = CutoffSettingsInput.safeParse(input);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "form", i.message])));
  const data = parsed.data;
  const warehouseId = ownWarehouse(scope, data.warehouseId);
  requireAdmin(scope, warehouseId, scope.memberships.find((m) => m.accountId === warehouseId)?.name);
  const methodCutoffs = parseMethodCutoffs(data.methodCutoffs);
  const holidays = parseHolidays(data.holidays);
  const fields: Record<string, string> = {};
  if (typeof methodCutoffs === "string") fields.methodCutoffs = methodCutoffs;
  if (typeof holidays === "string") fields.holidays = holidays;
  if (Object.keys(fields).length) throw invalid(fields);
  const values = {
    timeZone: data.timeZone,
    defaultCutoff: data.defaultCutoff,
    methodCutoffs: methodCutoffs as Record<string, string>,
    weekdaysOff: [...new Set(data.weekdaysOff)].sort(),
    holidays: holidays as string[],
    leadMinutes: data.leadMinutes,
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(cutoffSettings)
      .values({ warehouseId, ...values })
      .onConflictDoUpdate({ target: cutoffSettings.warehouseId, set: values })
      .returning();
    const served = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.warehouseId, warehouseId));
    const open = served.length
      ? await tx
          .select({ id: orders.id, placedAt: orders.placedAt, label: orders.shipMethodLabel, source: orders.shipBySource })
          .from(orders)
          .where(
            and(
              inArray(
                orders.accountId,
                served.map((m) => m.id),
              ),
              inArray(orders.status, [...UNSENT]),
            ),
          )
      : [];
    let recomputed = 0;
    for (const order of open.filter((o) => o.source !== "cart")) {
      const shipBy = shipByFromCutoffs(saved!, order.placedAt, order.label);
      await tx.update(orders).set({ shipBy, shipBySource: "cutoff" }).where(eq(orders.id, order.id));
      await tx
        .update(alerts)
        .set({ shipBy })
        .where(and(eq(alerts.orderId, order.id), eq(alerts.state, "open")));
      recomputed++;
    }
    return { settings: saved as CutoffSettings, recomputed };
  });
}

function invalid(fields: Record<string, string>): ValidationError {
  return new ValidationError("Check the highlighted fields.", fields);
}

/** `Express Shipping = 16:00` per line → { "Express Shipping": "16:00" }, or what is wrong with it. */
export function parseMethodCutoffs(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.lastIndexOf("=");
    const label = at > 0 ? line.slice(0, at).trim() : "";
    const time = at > 0 ? line.slice(at + 1).trim() : "";
    if (!label || parseLocalTime(time) === null) return `Line ${n + 1}: write the ship method, '=', and its cutoff, e.g. Express = 16:00.`;
    if (label.length > 100) return `Line ${n + 1}: a ship-method label has at most 100 characters.`;
    out[label] = time;
  }
  return out;
}

/** Dates separated by lines or commas → sorted unique "YYYY-MM-DD", or what is wrong. */
export function parseHolidays(text: string): string[] | string {
  const dates = text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  for (const d of dates) {
    const parsed = new Date(`${d}T00:00:00Z`);
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
    if (!valid) return `'${d}' is not a date: write dates as 2026-12-25.`;
  }
  if (dates.length > 366) return "At most 366 days off.";
  return [...new Set(dates)].sort();
}

function ownWarehouse(scope: CoreContext["scope"], requested: number | undefined): number {
  const own = scope.memberships.filter((m) => m.kind === "warehouse").map((m) => m.accountId);
  if (own.length === 0) throw new ForbiddenError("Only an admin of the warehouse can change its cutoff rules.");
  if (requested === undefined) {
    if (own.length > 1) throw invalid({ warehouseId: "Choose a warehouse." });
    return own[0]!;
  }
  if (!own.includes(requested)) throw new NotFoundError("Warehouse");
  return requested;
}
