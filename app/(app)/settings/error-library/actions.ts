"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteErrorRule, previewErrorRule, saveErrorRule } from "@/lib/error-library/error-rules";
import { userAction } from "../../../_lib/action";

/** The open alerts a rule would change, before it is saved (warehouse admins only). */
export const previewErrorRuleAction = userAction(z.unknown(), async (input, ctx) => {
  // The core parses the fields (ErrorRuleInput): one definition of a rule, its messages shown per field.
  const preview = await previewErrorRule(ctx, input);
  return { ok: true, message: `${preview.count} open alerts match.`, data: preview };
});

/** Saves a rule and applies it at once to the open alerts it matches. */
export const saveErrorRuleAction = userAction(z.unknown(), async (input, ctx) => {
  const { rule, changed, busy } = await saveErrorRule(ctx, input);
  revalidatePath("/", "layout");
  const busyNote = busy ? ` ${busy} being sent right now follow it at their next answer.` : "";
  return {
    ok: true,
    message: `Rule #${rule.id} saved: ${changed} open ${changed === 1 ? "alert" : "alerts"} changed.${busyNote}`,
    data: { ruleId: rule.id },
  };
});

export const deleteErrorRuleAction = userAction(z.object({ ruleId: z.coerce.number().int().positive() }), async (input, ctx) => {
  const gone = await deleteErrorRule(ctx, input);
  revalidatePath("/", "layout");
  return { ok: true, message: `Rule #${gone.id} removed. Later answers follow the built-in library again.` };
});
