import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { readSession } from "../auth/sessions";
import { ValidationError } from "../errors";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { makeWorld } from "../testing/world";
import { resolveAccountScope } from "../tenancy/scope";
import { setUserTimeZone } from "./user-time-zone";

const NOW = new Date("2026-12-02T09:00:00Z");
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.cleanup());

const zoneOf = async (id: string) => (await database.db.select({ tz: users.timeZone }).from(users).where(eq(users.id, id)))[0]!.tz;

describe("T3: a person chooses the zone their pages write times in", () => {
  it("is UTC until chosen; the choice is the person's own and the session reads it", async () => {
    const world = await makeWorld(database.db, NOW);
    const sam = await addUser(database.db, world.merchant.id, "Sam");
    const kim = await addUser(database.db, world.merchant.id, "Kim");
    expect(await zoneOf(sam.user.id)).toBe("UTC");

    await expect(setUserTimeZone({ db: database.db, scope: sam.scope }, { timeZone: " Europe/Berlin " })).resolves.toEqual({
      timeZone: "Europe/Berlin",
    });
    expect(await zoneOf(sam.user.id)).toBe("Europe/Berlin");
    expect(await zoneOf(kim.user.id)).toBe("UTC");
    expect(await readSession(database.db, { userId: sam.user.id, sessionId: "s1", version: 0 })).toMatchObject({
      id: sam.user.id,
      timeZone: "Europe/Berlin",
    });
  });

  it("refuses a zone the runtime does not know, and changes nothing", async () => {
    const world = await makeWorld(database.db, NOW);
    const sam = await addUser(database.db, world.merchant.id, "Sam");
    await setUserTimeZone({ db: database.db, scope: sam.scope }, { timeZone: "America/New_York" });
    for (const timeZone of ["Mars/Olympus", "", "EST5EDT; drop table users"]) {
      const refused = setUserTimeZone({ db: database.db, scope: sam.scope }, { timeZone });
      await expect(refused).rejects.toBeInstanceOf(ValidationError);
      await expect(refused).rejects.toMatchObject({ fields: { timeZone: expect.stringMatching(/Choose a time zone/) } });
    }
    expect(await zoneOf(sam.user.id)).toBe("America/New_York");
  });

  it("a job or webhook (no person) has no zone to set", async () => {
    const world = await makeWorld(database.db, NOW);
    const scope = await resolveAccountScope(database.db, world.merchant.id);
    await expect(setUserTimeZone({ db: database.db, scope }, { timeZone: "Europe/Berlin" })).rejects.toBeInstanceOf(ValidationError);
  });
});
