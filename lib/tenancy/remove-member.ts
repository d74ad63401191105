import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships } from "@/db/schema";
import { endAllSessions } from "../auth/sessions";
import { NotFoundError } from "../errors";
import { requireAdmin } from "./roles";
import type { Scope } from "./scope";

/**
 * Removes a user from an account (admins only, docs/roles.md) and ends every session of that user: a removed
 * person's open tab must not keep acting with what the session remembered (scopes are read per request, and
 * the session ends too).
 */
export async function removeMember(db: DbOrTx, scope: Scope, input: { accountId: number; userId: string }): Promise<void> {
  if (!scope.accountIds.includes(input.accountId)) throw new NotFoundError("Account");
  requireAdmin(scope, input.accountId);
  const removed = await db
    .delete(memberships)
    .where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId)))
    .returning();
  if (!removed.length) throw new NotFoundError("Member");
  await endAllSessions(db, input.userId);
}
