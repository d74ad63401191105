"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { readerZone } from "@/lib/core/context";
import { formatDateTime } from "@/lib/format/time";
import { pauseConnection, resumeConnection, updateConnectionSettings } from "@/lib/settings/connections";
import { SilenceSettingsInput, updateSilenceSettings } from "@/lib/silence/update-silence-settings";
import { revealWebhookSecret, rotateWebhookSecret } from "@/lib/webhooks/webhook-secret";
import { userAction } from "../../../_lib/action";

const ConnectionInput = z.object({ connectionId: z.coerce.number().int().positive() });

export const revealWebhookSecretAction = userAction(ConnectionInput, async ({ connectionId }, ctx) => {
  const { secret } = await revealWebhookSecret(ctx, { connectionId });
  return { ok: true, message: "Secret revealed.", data: { secret } };
});

export const rotateWebhookSecretAction = userAction(ConnectionInput, async ({ connectionId }, ctx) => {
  const { secret, previousSecretExpiresAt } = await rotateWebhookSecret(ctx, { connectionId });
  revalidatePath("/settings/connections");
  return {
    ok: true,
    message: `New secret in force. The previous one is still accepted until ${formatDateTime(previousSecretExpiresAt, readerZone(ctx))}.`,
    data: { secret },
  };
});

const SettingsInput = z.object({ connectionId: z.coerce.number().int().positive(), settings: z.unknown() });

/** Settings → Connections: an admin's change of the sync interval, endpoint URL or credential (docs/rules.md#r9). */
export const updateConnectionSettingsAction = userAction(SettingsInput, async ({ connectionId, settings }, ctx) => {
  const { changed } = await updateConnectionSettings(ctx, { connectionId, settings });
  revalidatePath("/settings/connections");
  return { ok: true, message: changed ? "Saved. The next attempt uses these settings." : "Nothing changed." };
});

/** Pauses a connection: nothing is sent to it until it is resumed (docs/delivery-states.md). */
export const pauseConnectionAction = userAction(ConnectionInput, async ({ connectionId }, ctx) => {
  await pauseConnection(ctx, { connectionId });
  revalidatePath("/", "layout");
  return { ok: true, message: "Paused. Nothing is sent to it, and its retry windows stand still, until it is resumed." };
});

export const resumeConnectionAction = userAction(ConnectionInput, async ({ connectionId }, ctx) => {
  await resumeConnection(ctx, { connectionId });
  revalidatePath("/", "layout");
  return { ok: true, message: "Resumed. What waited is sent at the next run, within a few minutes." };
});

/** The silence watch's sensitivity and quiet hours for one connection (docs/silence.md). */
export const updateSilenceSettingsAction = userAction(SilenceSettingsInput, async (input, ctx) => {
  const { changed } = await updateSilenceSettings(ctx, input);
  revalidatePath("/settings/connections");
  return { ok: true, message: changed ? "Saved. The silence watch uses these settings from its next run." : "Nothing changed." };
});
