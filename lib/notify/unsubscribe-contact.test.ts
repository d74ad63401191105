import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertContacts } from "@/db/schema";
import { addContact } from "../testing/contacts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { unsubscribeContact, unsubscribePageState } from "./unsubscribe-contact";
import { unsubscribeToken } from "./unsubscribe-token";

const NOW = new Date("2026-11-26T12:00:00Z");
const SECRET = "test-secret";
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

async function aContact() {
  const world = await makeWorld(database.db, NOW);
  const contact = await addContact(database.db, world.merchant.id, "team@merchant.example", "daily", NOW);
  return { contact, token: unsubscribeToken(contact, SECRET) };
}
const state = (token: string, done: boolean) => unsubscribePageState(database.db, token, SECRET, done);

describe("what the unsubscribe page says", () => {
  it("asks first, and says unsubscribed once the contact is off", async () => {
    const { token } = await aContact();
    expect(await state(token, false)).toMatchObject({ kind: "confirm", target: { email: "team@merchant.example" } });
    await unsubscribeContact(database.db, token, SECRET, NOW);
    expect((await state(token, true)).kind).toBe("unsubscribed");
    expect((await state(token, false)).kind).toBe("unsubscribed");
  });

  it("says nothing was changed when ?done=1 is on the URL but the contact still gets emails", async () => {
    const { contact, token } = await aContact();
    expect((await state(token, true)).kind).toBe("not_changed");
    // Turned back on after unsubscribing: the old confirmation URL no longer says unsubscribed.
    await unsubscribeContact(database.db, token, SECRET, NOW);
    await database.db.update(alertContacts).set({ frequency: "weekly" }).where(eq(alertContacts.id, contact.id));
    expect((await state(token, true)).kind).toBe("not_changed");
  });

  it("says the link is invalid for a forged token, another address's token or a removed contact, with done or not", async () => {
    const { contact, token } = await aContact();
    const forged = `${contact.id}.${"A".repeat(43)}`;
    const otherAddress = unsubscribeToken({ id: contact.id, email: "someone@else.example" }, SECRET);
    for (const t of [forged, otherAddress, "", "garbage"]) {
      expect(await state(t, true)).toEqual({ kind: "invalid" });
    }
    await database.db.delete(alertContacts).where(eq(alertContacts.id, contact.id));
    expect(await state(token, true)).toEqual({ kind: "invalid" });
  });
});
