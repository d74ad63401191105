import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
const NO_USER_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.9qvq/Fm6yS4PQEsa7PZhqnsbvLSa";

/** The user with this email and password, or null. */
export async function verifyPassword(db: DbOrTx, email: string, password: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const ok = await bcrypt.compare(password, user?.passwordHash ?? NO_USER_HASH);
  return ok && user?.passwordHash ? { id: user.id, email: user.email, name: user.name } : null;
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}
