"use server";

import { revalidatePath } from "next/cache";
import { RetrySkuInput, retryOrdersHeldOnSku, saveSkuMapping, SkuMappingInput } from "@/lib/error-library/save-sku-mapping";
import { bulkTone, describeBulk, type Tone } from "@/lib/format/attempt";
import { userAction } from "../../../_lib/action";

/** Saves a SKU mapping and releases every order held on that cart SKU; the message says how the release went. */
export const saveSkuMappingAction = userAction(SkuMappingInput, async (input, ctx) => {
  const { mapping, release } = await saveSkuMapping(ctx, input);
  revalidatePath("/", "layout");
  const what = `${mapping.cartSku} → ${mapping.wmsSku}`;
  const released = release.results.length;
  const message = released ? `Mapped ${what}: ${describeBulk(release, "order")}.` : `Mapped ${what}. No orders were held on it.`;
  return { ok: true, message, data: { tone: (released ? bulkTone(release) : "success") as Tone } };
});

/** "I've added it in the WMS — retry these N". */
export const retryHeldOnSkuAction = userAction(RetrySkuInput, async (input, ctx) => {
  const release = await retryOrdersHeldOnSku(ctx, input);
  revalidatePath("/", "layout");
  const message = release.results.length
    ? `Retried the orders held on ${input.sku}: ${describeBulk(release, "order")}.`
    : `No orders are held on ${input.sku}.`;
  return { ok: true, message, data: { tone: (release.results.length ? bulkTone(release) : "success") as Tone } };
});
