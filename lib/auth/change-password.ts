import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { ValidationError } from "../errors";
import { endAllSessions } from "./sessions";

export const ChangePasswordInput = z
  .object({
    current: z.string().min(1, "Enter your current password."),
    next: z.string().min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "The two new passwords differ." });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/**
 * Sets a new password after checking the current one, and ends every session of the user (a password
 * change is what a person does when they fear someone else is signed in): they sign in again with it.
 */
export async function changePassword(db: DbOrTx, userId: string, input: ChangePasswordInput): Promise<void> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.hash || !(await bcrypt.compare(input.current, user.hash))) {
    throw new ValidationError("Your current password is not right.", { current: "Your current password is not right." });
  }
  if (input.next === input.current)
    throw new ValidationError("Choose a password you have not used here.", { next: "Choose a new password." });
  const hash = await bcrypt.hash(input.next, 10);
  await db.update(users).set({ passwordHash: hash }).where(eq(users.id, userId));
  await endAllSessions(db, userId);
}
