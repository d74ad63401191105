"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formatDateTime } from "@/lib/format/time";
import { revealWebhookSecret, rotateWebhookSecret } from "@/lib/webhooks/webhook-secret";
import { userAction } from "../../../_lib/action";

const ConnectionInput = z.object({ connectionId: z.coerce.number().int().positive() });

export const revealWebhookSecretAction = userAction(ConnectionInput, async ({ connectionId }, { db, scope }) => {
  const { secret } = await revealWebhookSecret(db, scope, connectionId);
  return { ok: true, message: "Secret revealed.", data: { secret } };
});

export const rotateWebhookSecretAction = userAction(ConnectionInput, async ({ connectionId }, { db, scope, deps }) => {
  const { secret, previousSecretExpiresAt } = await rotateWebhookSecret(db, scope, connectionId, deps.now);
  revalidatePath("/settings/connections");
  return {
    ok: true,
    message: `New secret in force. The previous one is still accepted until ${formatDateTime(previousSecretExpiresAt)}.`,
    data: { secret },
  };
});
