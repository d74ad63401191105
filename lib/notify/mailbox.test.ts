import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, emailOutbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { resolveAccountScope, type Scope } from "../tenancy/scope";
import { getMailboxEmail, listMailbox, mailboxEnabled, signInLinkDelivery } from "./mailbox";

const NOW = new Date("2026-11-26T12:00:00Z");
let database: TestDatabase;
let scopes: { warehouse: Scope; merchant: Scope; other: Scope };
let ids: Record<string, number>;

async function keep(key: string, fields: { to: string; template: string; accountId: number | null }) {
  const [row] = await database.db
    .insert(emailOutbox)
    .values({ idempotencyKey: key, subject: key, html: "<p>x</p>", text: "x", status: "outbox", createdAt: NOW, ...fields })
    .returning();
  return row!.id;
}

beforeEach(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const [warehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "Northwind", createdAt: NOW }).returning();
  const [merchant] = await db
    .insert(accounts)
    .values({ kind: "merchant", name: "Alder & Oak", warehouseId: warehouse!.id, createdAt: NOW })
    .returning();
  const [otherWarehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "Faraway 3PL", createdAt: NOW }).returning();
  const [other] = await db
    .insert(accounts)
    .values({ kind: "merchant", name: "Elsewhere", warehouseId: otherWarehouse!.id, createdAt: NOW })
    .returning();
  scopes = {
    warehouse: await resolveAccountScope(db, warehouse!.id),
    merchant: await resolveAccountScope(db, merchant!.id),
    other: await resolveAccountScope(db, other!.id),
  };
  ids = {
    warehouseAlert: await keep("w-alert", { to: "ops@northwind.example", template: "action-needed", accountId: warehouse!.id }),
    merchantAlert: await keep("m-alert", { to: "cs@alder.example", template: "action-needed", accountId: merchant!.id }),
    otherDigest: await keep("o-digest", { to: "boss@elsewhere.example", template: "digest", accountId: other!.id }),
    samLink: await keep("sam-link", { to: "Sam@Alder.example", template: "magic-link", accountId: null }),
    mayaLink: await keep("maya-link", { to: "maya@northwind.example", template: "magic-link", accountId: null }),
    // A personal email that names an account is still shown to its addressee only.
    samLock: await keep("sam-lock", { to: "sam@alder.example", template: "sign-in-locked", accountId: merchant!.id }),
  };
});
afterEach(async () => database.cleanup());

const listed = async (email: string, scope: Scope) => (await listMailbox(database.db, { email, scope })).map((e) => e.subject).sort();

describe("the local mailbox shows a signed-in user only their accounts' mail and their own sign-in emails", () => {
  it("a merchant user sees its merchant's emails and its own sign-in link, nothing of the warehouse or another tenant", async () => {
    expect(await listed("sam@alder.example", scopes.merchant)).toEqual(["m-alert", "sam-link", "sam-lock"]);
  });

  it("a warehouse user sees its own and its merchants' account emails, but never another person's sign-in email", async () => {
    expect(await listed("maya@northwind.example", scopes.warehouse)).toEqual(["m-alert", "maya-link", "w-alert"]);
  });

  it("a user of another tenant sees only that tenant's mail", async () => {
    expect(await listed("boss@elsewhere.example", scopes.other)).toEqual(["o-digest"]);
  });

  it("opening an email that is not the viewer's is the same as a missing one", async () => {
    const sam = { email: "sam@alder.example", scope: scopes.merchant };
    expect(await getMailboxEmail(database.db, sam, ids.mayaLink!)).toBeNull();
    expect(await getMailboxEmail(database.db, sam, ids.warehouseAlert!)).toBeNull();
    expect(await getMailboxEmail(database.db, sam, ids.otherDigest!)).toBeNull();
    expect(await getMailboxEmail(database.db, sam, 999_999)).toBeNull();
    expect((await getMailboxEmail(database.db, sam, ids.samLink!))?.to).toBe("Sam@Alder.example");
    expect((await getMailboxEmail(database.db, sam, ids.merchantAlert!))?.to).toBe("cs@alder.example");
  });
});

describe("where the mailbox exists", () => {
  it.each([
    [{ NODE_ENV: "development" }, true, "local"],
    [{ NODE_ENV: "production", FIXLINE_MAILBOX: "on" }, true, "local"],
    [{ NODE_ENV: "test", FIXLINE_MAILBOX: "on" }, true, "local"],
    [{ NODE_ENV: "production" }, false, "none"],
    [{ NODE_ENV: "production", FIXLINE_MAILBOX: "yes" }, false, "none"],
    [{ NODE_ENV: "test" }, false, "none"],
    [{ NODE_ENV: "development", RESEND_API_KEY: "re_123" }, false, "email"],
    [{ NODE_ENV: "production", FIXLINE_MAILBOX: "on", RESEND_API_KEY: "re_123" }, false, "email"],
  ] as const)("%o → mailbox %s, sign-in links %s", (env, enabled, delivery) => {
    expect(mailboxEnabled(env as unknown as NodeJS.ProcessEnv)).toBe(enabled);
    expect(signInLinkDelivery(env as unknown as NodeJS.ProcessEnv)).toBe(delivery);
  });
});
