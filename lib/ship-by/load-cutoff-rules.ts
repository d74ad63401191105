import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, cutoffSettings, type CutoffSettings } from "@/db/schema";
import { DEFAULT_LEAD_MINUTES, type CutoffRules } from "./cutoff-rules";

/** A warehouse's cutoff rules, or null when it has set none (its orders then have a ship-by only when the cart sends one). */
export async function loadCutoffRules(db: DbOrTx, warehouseId: number): Promise<CutoffSettings | null> {
  const [row] = await db.select().from(cutoffSettings).where(eq(cutoffSettings.warehouseId, warehouseId));
  return row ?? null;
}

/** The cutoff rules of the warehouse serving a merchant. */
export async function cutoffRulesOfMerchant(db: DbOrTx, merchantId: number): Promise<CutoffRules | null> {
  const [row] = await db
    .select({ settings: cutoffSettings })
    .from(accounts)
    .innerJoin(cutoffSettings, eq(cutoffSettings.warehouseId, accounts.warehouseId))
    .where(eq(accounts.id, merchantId));
  return row?.settings ?? null;
}

/** Every merchant's lead time (minutes), from its warehouse's settings; DEFAULT_LEAD_MINUTES when unset. */
export async function leadMinutesByMerchant(db: DbOrTx, merchantIds: number[]): Promise<(merchantId: number) => number> {
  const ids = [...new Set(merchantIds)];
  const rows = ids.length
    ? await db
        .select({ merchantId: accounts.id, lead: cutoffSettings.leadMinutes })
        .from(accounts)
        .innerJoin(cutoffSettings, eq(cutoffSettings.warehouseId, accounts.warehouseId))
        .where(inArray(accounts.id, ids))
    : [];
  const byMerchant = new Map(rows.map((r) => [r.merchantId, r.lead]));
  return (merchantId) => byMerchant.get(merchantId) ?? DEFAULT_LEAD_MINUTES;
}
