"use server";

import { revalidatePath } from "next/cache";
import { CutoffSettingsInput, saveCutoffSettings } from "@/lib/ship-by/save-cutoff-settings";
import { userAction } from "../../../_lib/action";

/** Saves the warehouse's cutoff rules; the message says how many open orders' ship-by moved. */
export const saveCutoffSettingsAction = userAction(CutoffSettingsInput, async (input, ctx) => {
  const { recomputed } = await saveCutoffSettings(ctx, input);
  revalidatePath("/", "layout");
  const moved =
    recomputed === 0
      ? "No open order's ship-by changed."
      : `Ship-by recomputed for ${recomputed} ${recomputed === 1 ? "order" : "orders"} not yet at the WMS.`;
  return { ok: true, message: `Cutoff rules saved. ${moved}` };
});
