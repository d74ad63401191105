import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo-users";
import { seedDemoData } from "@/db/seed/seed-demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { verifyPassword } from "./verify-password";

const NOW = new Date("2026-11-26T12:00:00Z");
const { email } = DEMO_USERS.merchantUser;

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, NOW);
});
afterEach(async () => {
  await database.cleanup();
});

describe("verifyPassword", () => {
  it("returns the user for the right email and password", async () => {
    const user = await verifyPassword(database.db, email, DEMO_PASSWORD);
    expect(user).toMatchObject({ email, name: DEMO_USERS.merchantUser.name });
    expect(user?.id).toEqual(expect.any(String));
  });

  it("ignores case and surrounding spaces in the email", async () => {
    const user = await verifyPassword(database.db, `  ${email.toUpperCase()} `, DEMO_PASSWORD);
    expect(user?.email).toBe(email);
  });

  it.each([
    ["a wrong password", email, `${DEMO_PASSWORD}!`],
    ["an empty password", email, ""],
    ["an unknown email", "nobody@example.com", DEMO_PASSWORD],
  ])("returns null for %s", async (_case, tryEmail, password) => {
    expect(await verifyPassword(database.db, tryEmail, password)).toBeNull();
  });
});
