import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, connectionChanges, connections, SILENCE_SENSITIVITIES, type QuietHours } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { NotFoundError, parseFieldsOrRefuse } from "../errors";
import { actorUserId } from "../retry/actor";
import { parseLocalTime } from "../ship-by/zoned-time";
import { requireAdmin } from "../tenancy/roles";
import { within } from "../tenancy/scope";

const time = z
  .string()
  .trim()
  .refine((v) => v === "" || parseLocalTime(v) !== null, "A time of day such as 22:00, or empty.");

/** Settings → Connections, "Silence watch": sensitivity and quiet hours of one connection (docs/silence.md#rule). */
export const SilenceSettingsInput = z
  .object({
    connectionId: z.coerce.number().int().positive(),
    sensitivity: z.enum(SILENCE_SENSITIVITIES, { error: "Choose off, low, normal or high." }),
    quietWeekdays: z.array(z.coerce.number().int().min(0).max(6)).max(7).default([]),
    quietFrom: time.default(""),
    quietTo: time.default(""),
  })
  .refine((v) => (v.quietFrom === "") === (v.quietTo === ""), {
    path: ["quietTo"],
    message: "Give both ends of the quiet hours, or neither.",
  });

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Sat, Sun and 22:00–06:00", "none". */
export function describeQuiet(quiet: QuietHours | null): string {
  if (!quiet) return "none";
  const parts = [...quiet.weekdays.map((d) => WEEKDAYS[d]!), ...(quiet.from && quiet.to ? [`${quiet.from}–${quiet.to}`] : [])];
  return parts.length ? parts.join(", ") : "none";
}

/** Saves a connection's silence settings, recorded in its changes; an admin's, as every connection setting (docs/roles.md). */
export async function updateSilenceSettings(ctx: Pick<CoreContext, "db" | "scope" | "actor" | "now">, input: unknown) {
  const { db, scope, actor, now } = ctx;
  const { connectionId, sensitivity, quietWeekdays, quietFrom, quietTo } = parseFieldsOrRefuse(SilenceSettingsInput, input);
  const [row] = await db
    .select({ connection: connections, merchantName: accounts.name })
    .from(connections)
    .innerJoin(accounts, eq(accounts.id, connections.accountId))
    .where(and(eq(connections.id, connectionId), within(connections.accountId, scope.merchantIds)));
  if (!row) throw new NotFoundError("Connection");
  requireAdmin(scope, row.connection.accountId, row.merchantName);
  const quiet: QuietHours | null =
    quietWeekdays.length || quietFrom
      ? { weekdays: [...new Set(quietWeekdays)].sort(), from: quietFrom || null, to: quietTo || null }
      : null;
  const before = `${row.connection.silenceSensitivity}, quiet ${describeQuiet(row.connection.silenceQuietHours)}`;
  const after = `${sensitivity}, quiet ${describeQuiet(quiet)}`;
  if (before === after) return { changed: false };
  await db
    .update(connections)
    .set({ silenceSensitivity: sensitivity, silenceQuietHours: quiet, updatedAt: now })
    .where(eq(connections.id, connectionId));
  await db
    .insert(connectionChanges)
    .values({ connectionId, actorUserId: actorUserId(actor), field: "silence", detail: `Silence watch: ${before} → ${after}.`, at: now });
  return { changed: true };
}
