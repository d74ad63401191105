import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, shipMethodMappings, type ShipMethodMapping } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { ForbiddenError, NotFoundError, parseFieldsOrRefuse, ValidationError } from "../errors";
import { releaseOrdersHeldOnLabel } from "../retry/release-held-orders";
import type { BulkResult } from "../retry/resend-order";
import { requireAdmin } from "../tenancy/roles";
import type { Scope } from "../tenancy/scope";

/** A mapping as a warehouse user types it: the cart's label as the cart sends it, the WMS's carrier and service code. */
export const ShipMethodMappingInput = z.object({
  /** Needed only by someone who staffs several warehouses. */
  warehouseId: z.coerce.number().int().positive().optional(),
  cartLabel: z.string().trim().min(1, "Cart label is required.").max(100, "Cart label is too long."),
  carrier: z.string().trim().min(1, "Carrier is required.").max(50, "Carrier is too long."),
  serviceCode: z
    .string()
    .trim()
    .min(1, "Service code is required.")
    .max(80, "Service code is too long.")
    .regex(/^[A-Za-z0-9_.:-]+$/, "Service code is the WMS's code, such as usps_ground_advantage: letters, digits and _ . : - only."),
});
export type ShipMethodMappingInput = z.input<typeof ShipMethodMappingInput>;

export type SaveMappingResult = { mapping: ShipMethodMapping; created: boolean; release: BulkResult };

/**
 * Saves (creates or changes) a ship-method mapping of the caller's warehouse and, as the fix of every order
 * held on that label, sends those orders at once (docs/rules.md#r3). Only an admin of the warehouse may (docs/roles.md): a
 * member of it, or any merchant user, sees the mappings but cannot change them.
 */
export async function saveShipMethodMapping(ctx: CoreContext, input: unknown): Promise<SaveMappingResult> {
  const { db, scope, now } = ctx;
  const { warehouseId: asked, cartLabel, carrier, serviceCode } = parseFieldsOrRefuse(ShipMethodMappingInput, input);
  const warehouseId = ownWarehouse(scope, asked);
  requireAdmin(scope, warehouseId, scope.memberships.find((m) => m.accountId === warehouseId)?.name);
  const [existing] = await db
    .select({ id: shipMethodMappings.id })
    .from(shipMethodMappings)
    .where(and(eq(shipMethodMappings.warehouseId, warehouseId), eq(shipMethodMappings.cartLabel, cartLabel)));
  const [mapping] = await db
    .insert(shipMethodMappings)
    .values({ warehouseId, cartLabel, carrier, serviceCode, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [shipMethodMappings.warehouseId, shipMethodMappings.cartLabel],
      set: { carrier, serviceCode, updatedAt: now },
    })
    .returning();
  // Only the merchants this warehouse serves: a label means something only to the warehouse that mapped it.
  const served = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.warehouseId, warehouseId));
  const servedIds = new Set(served.map((m) => m.id));
  const warehouseScope: Scope = { ...scope, merchantIds: scope.merchantIds.filter((id) => servedIds.has(id)) };
  const reason = `Ship method '${cartLabel}' mapped to ${carrier} ${serviceCode}; sent at once.`;
  const release = await releaseOrdersHeldOnLabel({ ...ctx, scope: warehouseScope }, { cartLabel, reason });
  return { mapping: mapping!, created: !existing, release };
}

/** The warehouse the caller staffs and means; a merchant user staffs none. */
function ownWarehouse(scope: Scope, requested: number | undefined): number {
  const own = scope.memberships.filter((m) => m.kind === "warehouse").map((m) => m.accountId);
  if (own.length === 0) throw new ForbiddenError("Only an admin of the warehouse can change ship-method mappings.");
  if (requested === undefined) {
    if (own.length > 1) throw new ValidationError("Choose the warehouse this mapping is for.", { warehouseId: "Choose a warehouse." });
    return own[0]!;
  }
  if (!own.includes(requested)) throw new NotFoundError("Warehouse");
  return requested;
}
