import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, memberships, users } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { removeMember } from "../tenancy/remove-member";
import { changePassword } from "./change-password";
import { currentSessionVersion, endAllSessions, revokeSession, readSession } from "./sessions";
import { verifyPassword } from "./verify-password";

const NOW = new Date("2026-12-01T12:00:00Z");
let database: TestDatabase;
let userId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  const [user] = await database.db
    .insert(users)
    .values({ email: "sam@alder.example", passwordHash: await bcrypt.hash("old-password-1", 4) })
    .returning();
  userId = user!.id;
});
afterEach(async () => database.cleanup());

const session = async (sessionId: string) => ({ userId, sessionId, version: (await currentSessionVersion(database.db, userId))! });

describe("a session can be ended on the server", () => {
  it("signing out revokes that session only", async () => {
    const laptop = await session("laptop");
    const phone = await session("phone");
    await revokeSession(database.db, { sessionId: "laptop", userId, expiresAt: new Date(NOW.getTime() + 86_400_000) }, NOW);
    expect(await readSession(database.db, laptop)).toBeNull();
    expect(await readSession(database.db, phone)).toEqual({ id: userId, name: null, email: "sam@alder.example", timeZone: "UTC" });
  });

  it("ending all sessions (version bump) ends every session begun before", async () => {
    const before = await session("a");
    await endAllSessions(database.db, userId);
    expect(await readSession(database.db, before)).toBeNull();
    expect(await readSession(database.db, await session("b"))).toEqual({
      id: userId,
      name: null,
      email: "sam@alder.example",
      timeZone: "UTC",
    });
  });

  it("a deleted user's session is no session", async () => {
    const s = await session("a");
    await database.db.delete(users).where(eq(users.id, userId));
    expect(await readSession(database.db, s)).toBeNull();
  });

  it("a password change checks the current password, sets the new one and ends every session", async () => {
    const s = await session("a");
    const input = (current: string, next: string) => ({ current, next, confirm: next });
    await expect(changePassword(database.db, userId, input("wrong", "new-password-123"))).rejects.toBeInstanceOf(ValidationError);
    expect(await readSession(database.db, s)).toEqual({ id: userId, name: null, email: "sam@alder.example", timeZone: "UTC" });
    expect(await verifyPassword(database.db, "sam@alder.example", "old-password-1")).not.toBeNull();

    await changePassword(database.db, userId, input("old-password-1", "new-password-123"));
    expect(await readSession(database.db, s)).toBeNull();
    expect(await verifyPassword(database.db, "sam@alder.example", "old-password-1")).toBeNull();
    expect(await verifyPassword(database.db, "sam@alder.example", "new-password-123")).not.toBeNull();
  });

  it("removing a user from an account ends their sessions; only an admin of that account may", async () => {
    const [warehouse] = await database.db.insert(accounts).values({ kind: "warehouse", name: "W", createdAt: NOW }).returning();
    const [other] = await database.db.insert(accounts).values({ kind: "warehouse", name: "Other", createdAt: NOW }).returning();
    await database.db.insert(memberships).values({ userId, accountId: warehouse!.id, role: "member" });
    const admin = await addUser(database.db, warehouse!.id, "Admin", "admin");
    const member = await addUser(database.db, warehouse!.id, "Member", "member");
    const stranger = await addUser(database.db, other!.id, "Stranger", "admin");
    const s = await session("a");

    await expect(removeMember(database.db, member.scope, { accountId: warehouse!.id, userId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeMember(database.db, stranger.scope, { accountId: warehouse!.id, userId })).rejects.toBeInstanceOf(NotFoundError);
    expect(await readSession(database.db, s)).toEqual({ id: userId, name: null, email: "sam@alder.example", timeZone: "UTC" });
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, userId))).toHaveLength(1);

    await removeMember(database.db, admin.scope, { accountId: warehouse!.id, userId });
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, userId))).toHaveLength(0);
    expect(await readSession(database.db, s)).toBeNull();
  });
});
