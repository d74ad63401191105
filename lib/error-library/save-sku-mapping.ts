import { asc } from "drizzle-orm";
import { z } from "zod";
import { skuMappings, type SkuMapping } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { parseFieldsOrRefuse } from "../errors";
import type { BulkResult } from "../retry/resend-order";
import { within } from "../tenancy/scope";
import { listHeldGroups } from "./held-groups";
import { releaseOrdersHeldOnSku, warehouseScope } from "./release-held-on-sku";
import { warehouseToManage } from "./rule-access";

const Sku = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required.`)
    .max(80, `${what} is too long.`)
    .regex(/^[A-Za-z0-9._\-/]*$/, `${what} is a SKU: letters, digits and . _ - / only.`);

/** A SKU mapping as a warehouse admin types it: the cart's SKU, and the WMS item it stands for. */
export const SkuMappingInput = z.object({ cartSku: Sku("Cart SKU"), wmsSku: Sku("WMS SKU") });
export const RetrySkuInput = z.object({ sku: Sku("SKU") });

/**
 * Saves a SKU mapping of the caller's warehouse and releases every order held on that cart SKU, in one step
 * (docs/error-library.md#sku-mappings). Only a warehouse admin may (docs/roles.md).
 */
export async function saveSkuMapping(ctx: CoreContext, input: unknown): Promise<{ mapping: SkuMapping; release: BulkResult }> {
  const { cartSku, wmsSku } = parseFieldsOrRefuse(SkuMappingInput, input);
  const warehouseId = warehouseToManage(ctx.scope, "SKU mappings");
  const userId = ctx.actor.type === "user" ? ctx.actor.userId : null;
  const [mapping] = await ctx.db
    .insert(skuMappings)
    .values({ warehouseId, cartSku, wmsSku, createdByUserId: userId, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoUpdate({ target: [skuMappings.warehouseId, skuMappings.cartSku], set: { wmsSku, updatedAt: ctx.now } })
    .returning();
  const scope = await warehouseScope(ctx, warehouseId);
  const reason = `SKU ${cartSku} mapped to WMS item ${wmsSku}; sent at once.`;
  return { mapping: mapping!, release: await releaseOrdersHeldOnSku({ ...ctx, scope }, { sku: cartSku, reason }) };
}

/** "I've added it in the WMS — retry these N": every order held on the SKU is sent again as it is. */
export async function retryOrdersHeldOnSku(ctx: CoreContext, input: unknown): Promise<BulkResult> {
  const { sku } = parseFieldsOrRefuse(RetrySkuInput, input);
  const warehouseId = warehouseToManage(ctx.scope, "the orders held on a SKU");
  const scope = await warehouseScope(ctx, warehouseId);
  return releaseOrdersHeldOnSku({ ...ctx, scope }, { sku, reason: `SKU ${sku} added in the WMS; sent again.` });
}

export async function listSkuMappings(ctx: Pick<CoreContext, "db" | "scope">) {
  if (ctx.scope.warehouseIds.length === 0) return [];
  return ctx.db.select().from(skuMappings).where(within(skuMappings.warehouseId, ctx.scope.warehouseIds)).orderBy(asc(skuMappings.cartSku));
}

/** SKUs that hold orders right now, the most first: what the SKU mappings page asks to map. */
export async function listHeldSkus(ctx: Pick<CoreContext, "db" | "scope">) {
  return (await listHeldGroups(ctx)).skus;
}
