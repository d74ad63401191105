"use server";

import { revalidatePath } from "next/cache";
import { bulkTone, describeBulk, type Tone } from "@/lib/format/attempt";
import { saveShipMethodMapping, ShipMethodMappingInput } from "@/lib/settings/save-ship-method-mapping";
import { userAction } from "../../../_lib/action";

/** Saves a mapping and releases every order held on its label; the message says how the release went. */
export const saveShipMethodMappingAction = userAction(ShipMethodMappingInput, async (input, ctx) => {
  const { mapping, release } = await saveShipMethodMapping(ctx, input);
  revalidatePath("/", "layout");
  const what = `'${mapping.cartLabel}' → ${mapping.carrier} ${mapping.serviceCode}`;
  const released = release.results.length;
  const message = released ? `Mapped ${what}: ${describeBulk(release, "order")}.` : `Mapped ${what}. No orders were held on it.`;
  return { ok: true, message, data: { tone: (released ? bulkTone(release) : "success") as Tone } };
});
