import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts } from "@/db/schema";
import { within, type Scope } from "./scope";

/** The merchants the caller may see, by name: the choices of a merchant filter. */
export async function listMerchants(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: accounts.id, name: accounts.name, warehouseId: accounts.warehouseId })
    .from(accounts)
    .where(within(accounts.id, scope.merchantIds))
    .orderBy(asc(accounts.name));
}
