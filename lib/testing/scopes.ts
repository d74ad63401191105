import type { Scope } from "../tenancy/scope";

/**
 * A scope narrowed (or widened) to exactly these merchants, as resolveUserScope would give a user of them only: its
 * tallies are read per merchant, since no warehouse is then seen whole.
 */
export function withMerchants(scope: Scope, merchantIds: number[]): Scope {
  return { ...scope, merchantIds, tallies: { warehouseIds: [], merchantIds } };
}
