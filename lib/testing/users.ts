import type { Db } from "@/db/client";
import { memberships, users, type Role } from "@/db/schema";
import { resolveUserScope } from "../tenancy/scope";

let userSeq = 0;

/** A signed-in user of one account, as an action sees them: their id and their scope. */
export async function addUser(db: Db, accountId: number, name = `User ${++userSeq}`, role: Role = "member") {
  const [user] = await db
    .insert(users)
    .values({ name, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${userSeq}@example.test` })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, accountId, role });
  return { user: user!, scope: await resolveUserScope(db, user!.id) };
}
