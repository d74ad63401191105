import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { ValidationError } from "../errors";
import { isTimeZone } from "../format/time";

export const UserTimeZoneInput = z.object({
  timeZone: z
    .string()
    .trim()
    .min(1, "Choose a time zone, e.g. Europe/Berlin or America/New_York.")
    .refine(isTimeZone, "Choose a time zone from the list, e.g. Europe/Berlin or America/New_York."),
});
export type UserTimeZoneInput = z.infer<typeof UserTimeZoneInput>;

/**
 * Sets the zone the signed-in person's pages write times in (docs/rules.md#t3). Their own row only: the scope
 * names the user, and a job or webhook (no user) has no zone to set. Their next page shows it: the session reads
 * it with every request (lib/auth/sessions.ts).
 */
export async function setUserTimeZone(ctx: Pick<CoreContext, "db" | "scope">, input: UserTimeZoneInput): Promise<{ timeZone: string }> {
  const parsed = UserTimeZoneInput.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Choose a time zone.";
    throw new ValidationError(message, { timeZone: message });
  }
  const userId = ctx.scope.userId;
  if (!userId) throw new ValidationError("Only a signed-in person has a time zone.", {});
  await ctx.db.update(users).set({ timeZone: parsed.data.timeZone }).where(eq(users.id, userId));
  return { timeZone: parsed.data.timeZone };
}
