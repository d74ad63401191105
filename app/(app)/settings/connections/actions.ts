"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formatDateTime } from "@/lib/format/time";
import { pauseConnection, resumeConnection, updateConnectionSettings } from "@/lib/settings/connections";
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

const SettingsInput = z.object({ connectionId: z.coerce.number().int().positive(), settings: z.unknown() });

/** Settings → Connections: an admin's change of the sync interval, endpoint URL or credential (docs/rules.md#r9). */
export const updateConnectionSettingsAction = userAction(SettingsInput, async ({ connectionId, settings }, { db, scope, deps }) => {
  const { changed } = await updateConnectionSettings(db, scope, connectionId, settings, deps.actor, deps.now);
  revalidatePath("/settings/connections");
  return { ok: true, message: changed ? "Saved. The next attempt uses these settings." : "Nothing changed." };
});

/** Pauses a connection: nothing is sent to it until it is resumed (docs/delivery-states.md). */
export const pauseConnectionAction = userAction(ConnectionInput, async ({ connectionId }, { db, scope, deps }) => {
  await pauseConnection(db, scope, connectionId, deps.actor, deps.now);
  revalidatePath("/", "layout");
  return { ok: true, message: "Paused. Nothing is sent to it, and its retry windows stand still, until it is resumed." };
});

export const resumeConnectionAction = userAction(ConnectionInput, async ({ connectionId }, { db, scope, deps }) => {
  await resumeConnection(db, scope, connectionId, deps.actor, deps.now);
  revalidatePath("/", "layout");
  return { ok: true, message: "Resumed. What waited is sent at the next run, within a few minutes." };
});
