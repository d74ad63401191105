import { afterEach, beforeEach, expect, it } from "vitest";
import { openDatabase } from "./client";
import { writeFirst } from "./serialize-writes";
import { accounts } from "./schema";
import { createTestFileDatabase, type TestFileDatabase } from "../lib/testing/test-database";

// One write connection and its PRAGMAs are what only an embedded file has: on a file in both test modes.
let database: TestFileDatabase;
beforeEach(async () => {
  database = await createTestFileDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

const account = (name: string) => ({ kind: "warehouse" as const, name, createdAt: new Date() });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("a write made while another transaction of this process is open waits its turn instead of failing after 5 s", async () => {
  const started = Date.now();
  const open = database.db.transaction(async (tx) => {
    await tx.insert(accounts).values(account("in the transaction"));
    await pause(50);
    await tx.insert(accounts).values(account("still in it"));
  });
  await pause(10);
  await database.db.insert(accounts).values(account("meanwhile"));
  await open;
  expect(Date.now() - started).toBeLessThan(2_000);
  expect((await database.db.select({ name: accounts.name }).from(accounts).orderBy(accounts.id)).map((a) => a.name)).toEqual([
    "in the transaction",
    "still in it",
    "meanwhile",
  ]);
});

it("two overlapping transactions, also through two clients of one file, both commit", async () => {
  const other = openDatabase(`file:${database.path}`);
  const write = (db: typeof database.db, name: string) =>
    db.transaction(async (tx) => {
      await tx.insert(accounts).values(account(`${name} 1`));
      await pause(20);
      await tx.insert(accounts).values(account(`${name} 2`));
    });
  const started = Date.now();
  await Promise.all([write(database.db, "a"), write(other.db, "b"), write(database.db, "c")]);
  other.client.close();
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(await database.db.select().from(accounts)).toHaveLength(6);
});

it("a transaction that fails gives the turn back", async () => {
  await expect(
    database.db.transaction(async (tx) => {
      await tx.insert(accounts).values(account("rolled back"));
      throw new Error("boom");
    }),
  ).rejects.toThrow("boom");
  await database.db.insert(accounts).values(account("after"));
  expect((await database.db.select({ name: accounts.name }).from(accounts)).map((a) => a.name)).toEqual(["after"]);
});

it("a write someone waits on goes ahead of queued background writes", async () => {
  const order: string[] = [];
  const open = database.db.transaction(async (tx) => {
    await tx.insert(accounts).values(account("holder"));
    await pause(30);
  });
  await pause(5);
  const background = database.db
    .insert(accounts)
    .values(account("background"))
    .then(() => order.push("background"));
  await pause(5);
  const waitedOn = writeFirst(async () => await database.db.insert(accounts).values(account("waited on"))).then(() =>
    order.push("waited on"),
  );
  await Promise.all([open, background, waitedOn]);
  expect(order).toEqual(["waited on", "background"]);
});

it("writes go through one connection with synchronous = NORMAL, or FULL when DATABASE_SYNCHRONOUS=full; reads do not wait for a writer", async () => {
  const level = async (db: ReturnType<typeof openDatabase>) => Number((await db.client.execute("PRAGMA synchronous")).rows[0]![0]);
  const normal = openDatabase(`file:${database.path}`);
  expect(await level(normal)).toBe(1);
  process.env.DATABASE_SYNCHRONOUS = "full";
  const full = openDatabase(`file:${database.path}`);
  delete process.env.DATABASE_SYNCHRONOUS;
  expect(await level(full)).toBe(2);

  await normal.db.insert(accounts).values(account("committed"));
  const open = normal.db.transaction(async (tx) => {
    await tx.insert(accounts).values(account("not yet committed"));
    await pause(50);
  });
  await pause(10);
  // A read during the open transaction answers at once with what is committed.
  expect((await normal.db.select({ name: accounts.name }).from(accounts)).map((a) => a.name)).toEqual(["committed"]);
  await open;
  expect(await normal.db.select().from(accounts)).toHaveLength(2);
  normal.client.close();
  full.client.close();
});
