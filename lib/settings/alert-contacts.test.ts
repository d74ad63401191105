import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, alertContacts } from "@/db/schema";
import { NotFoundError, ValidationError } from "../errors";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import type { Scope } from "../tenancy/scope";
import { addUser } from "../testing/users";
import { CreateAlertContactInput, UpdateAlertContactInput } from "./alert-contact-input";
import { createAlertContact } from "./create-alert-contact";
import { deleteAlertContact } from "./delete-alert-contact";
import { listAlertContacts } from "./list-settings";
import { updateAlertContact } from "./update-alert-contact";

const NOW = new Date("2026-11-26T12:00:00Z");
let database: TestDatabase;
let ids: { warehouse: number; merchant: number; stranger: number };
let warehouseScope: Scope;
let merchantScope: Scope;

beforeEach(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const [warehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "Northwind", createdAt: NOW }).returning();
  const [merchant] = await db
    .insert(accounts)
    .values({ kind: "merchant", name: "Alder & Oak", warehouseId: warehouse!.id, createdAt: NOW })
    .returning();
  const [stranger] = await db.insert(accounts).values({ kind: "warehouse", name: "Stranger", createdAt: NOW }).returning();
  ids = { warehouse: warehouse!.id, merchant: merchant!.id, stranger: stranger!.id };
  // Admins: what a member may not do is in lib/tenancy/roles.test.ts.
  warehouseScope = (await addUser(db, warehouse!.id, "Maya", "admin")).scope;
  merchantScope = (await addUser(db, merchant!.id, "Sam", "admin")).scope;
});
afterEach(async () => {
  await database.cleanup();
});

const parse = (input: Record<string, string>) => CreateAlertContactInput.parse(input);

describe("alert contact input", () => {
  it("takes form strings, lower-cases the address, defaults to a daily digest and drops an empty name", () => {
    expect(parse({ accountId: "3", email: "  Ops@Example.COM ", name: " " })).toEqual({
      accountId: 3,
      email: "ops@example.com",
      name: null,
      frequency: "daily",
    });
  });

  it.each([
    [{ accountId: "3", email: "not-an-address" }, "email", "Enter a valid email address."],
    [{ accountId: "3", email: "a@b.example", frequency: "sometimes" }, "frequency", "Choose how often this contact gets emails."],
    [{ accountId: "", email: "a@b.example" }, "accountId", "Choose an account."],
    [{ accountId: "3", email: "a@b.example", name: "x".repeat(101) }, "name", "Name is too long (100 characters at most)."],
    [
      { accountId: "3", email: "a@b.example", timeZone: "Mars/Olympus" },
      "timeZone",
      "Choose a time zone from the list, e.g. Europe/Berlin or America/New_York.",
    ],
    [{ accountId: "3", email: "a@b.example", digestHour: "24" }, "digestHour", "Choose an hour from 00:00 to 23:00."],
    [
      { accountId: "3", email: "a@b.example", hourlyEmailCap: "0" },
      "hourlyEmailCap",
      "At least 1 email an hour: what is over the cap waits for the next email.",
    ],
    [
      { accountId: "3", email: "a@b.example", topics: "shown" },
      "alertTopics",
      "Choose at least one kind of alert, or set this contact's emails to Off.",
    ],
  ])("says what is wrong with %j", (input, field, message) => {
    const result = CreateAlertContactInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([field, message]);
  });
});

describe("a contact's own choices", () => {
  it("reads the form's kinds of alerts: every box checked is every kind (null), some is that list, none is refused", () => {
    const all = Object.fromEntries(
      ["address", "ship_method", "order_errors", "sync", "skipped", "connection"].map((t) => [`topic.${t}`, "on"]),
    );
    expect(parse({ accountId: "3", email: "a@b.example", topics: "shown", ...all }).alertTopics).toBeNull();
    expect(
      parse({ accountId: "3", email: "a@b.example", topics: "shown", "topic.address": "on", "topic.skipped": "on" }).alertTopics,
    ).toEqual(["address", "skipped"]);
    expect(parse({ accountId: "3", email: "a@b.example" }).alertTopics).toBeUndefined();
  });

  it("defaults keep today's behaviour (08:00 UTC, every kind); saved choices are kept; a bad one changes nothing", async () => {
    const { db } = database;
    const contact = await createAlertContact(db, merchantScope, parse({ accountId: String(ids.merchant), email: "cs@alder.example" }), NOW);
    expect(contact).toMatchObject({ timeZone: "UTC", digestHour: 8, hourlyEmailCap: 6, alertTopics: null });
    const form = {
      id: String(contact.id),
      email: "cs@alder.example",
      frequency: "daily",
      timeZone: "Europe/Berlin",
      digestHour: "7",
      hourlyEmailCap: "3",
      topics: "shown",
      "topic.address": "on",
    };
    const saved = await updateAlertContact(db, merchantScope, UpdateAlertContactInput.parse(form), NOW);
    expect(saved).toMatchObject({ timeZone: "Europe/Berlin", digestHour: 7, hourlyEmailCap: 3, alertTopics: ["address"] });
    // An edit that leaves them out (an older form) keeps them.
    const renamed = await updateAlertContact(
      db,
      merchantScope,
      UpdateAlertContactInput.parse({ id: String(contact.id), email: "cs@alder.example", name: "CS" }),
      NOW,
    );
    expect(renamed).toMatchObject({ name: "CS", timeZone: "Europe/Berlin", digestHour: 7, alertTopics: ["address"] });
    expect(UpdateAlertContactInput.safeParse({ ...form, timeZone: "Nowhere" }).success).toBe(false);
    const [still] = await db.select().from(alertContacts).where(eq(alertContacts.id, contact.id));
    expect(still).toMatchObject({ timeZone: "Europe/Berlin" });
  });
});

describe("managing alert contacts", () => {
  it("adds, edits and removes a contact of the caller's own account and of a merchant its warehouse serves", async () => {
    const { db } = database;
    const own = await createAlertContact(
      db,
      warehouseScope,
      parse({ accountId: String(ids.warehouse), email: "ops@northwind.example", name: "Ops", frequency: "immediate" }),
      NOW,
    );
    const served = await createAlertContact(
      db,
      warehouseScope,
      parse({ accountId: String(ids.merchant), email: "team@alder.example" }),
      NOW,
    );
    expect(own).toMatchObject({ accountId: ids.warehouse, name: "Ops", frequency: "immediate", createdAt: NOW, lastDigestAt: null });
    expect(served.frequency).toBe("daily");

    const later = new Date(NOW.getTime() + 60_000);
    const edited = await updateAlertContact(
      db,
      warehouseScope,
      UpdateAlertContactInput.parse({ id: String(own.id), email: "night@northwind.example", name: "", frequency: "weekly" }),
      later,
    );
    expect(edited).toMatchObject({
      id: own.id,
      email: "night@northwind.example",
      name: null,
      frequency: "weekly",
      updatedAt: later,
      createdAt: NOW,
    });

    await deleteAlertContact(db, warehouseScope, served.id);
    expect((await listAlertContacts(db, warehouseScope)).map((c) => c.contact.id)).toEqual([own.id]);
  });

  it("refuses a second contact with the same address on one account, with the field to fix", async () => {
    const { db } = database;
    const input = parse({ accountId: String(ids.merchant), email: "team@alder.example" });
    const first = await createAlertContact(db, merchantScope, input, NOW);
    const error = await createAlertContact(db, merchantScope, { ...input, email: "team@alder.example" }, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ fields: { email: "Already a contact of this account." } });
    // The same address on another account is another contact.
    await expect(createAlertContact(db, warehouseScope, { ...input, accountId: ids.warehouse }, NOW)).resolves.toBeTruthy();
    // Editing a contact keeps its own address.
    await expect(
      updateAlertContact(db, merchantScope, { id: first.id, email: "team@alder.example", name: "Team", frequency: "hourly" }, NOW),
    ).resolves.toMatchObject({ name: "Team" });
  });

  it("does not find another account's contact, nor let a merchant user touch its warehouse's contacts", async () => {
    const { db } = database;
    const [theirs] = await db
      .insert(alertContacts)
      .values({ accountId: ids.stranger, email: "ops@stranger.example", createdAt: NOW, updatedAt: NOW })
      .returning();
    const warehouseOnly = await createAlertContact(
      db,
      warehouseScope,
      parse({ accountId: String(ids.warehouse), email: "ops@northwind.example" }),
      NOW,
    );
    for (const [scope, contact] of [
      [warehouseScope, theirs!],
      [merchantScope, warehouseOnly],
    ] as const) {
      await expect(
        updateAlertContact(db, scope, { id: contact.id, email: "x@y.example", name: null, frequency: "off" }, NOW),
      ).rejects.toThrow(NotFoundError);
      await expect(deleteAlertContact(db, scope, contact.id)).rejects.toThrow(NotFoundError);
    }
    await expect(
      createAlertContact(db, merchantScope, parse({ accountId: String(ids.stranger), email: "a@b.example" }), NOW),
    ).rejects.toThrow(NotFoundError);
    const [still] = await db.select().from(alertContacts).where(eq(alertContacts.id, theirs!.id));
    expect(still).toMatchObject({ email: "ops@stranger.example", frequency: "daily" });
  });
});
