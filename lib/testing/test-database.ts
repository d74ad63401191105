import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { readEnv } from "../config/env";
import { resetSendGates } from "../retry/send-gate";

export type TestDatabase = Database & { cleanup: () => Promise<void> };
export type TestFileDatabase = TestDatabase & { path: string };

/**
 * A fresh, migrated libSQL database for one test: a temp file, or — when `TEST_LIBSQL_SERVER` names a libSQL
 * server (`npm run test:server`) — a database of its own on that server, reached over HTTP as Turso would be.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = readEnv().TEST_LIBSQL_SERVER;
  if (!server) return createTestFileDatabase();
  resetSendGates();
  const base = testServerDatabaseUrl(server, `u${randomUUID().replaceAll("-", "")}`);
  const database = openDatabase(base);
  const cleanup = async () => {
    database.client.close();
    await fetch(`${server.replace(/\/$/, "")}/_test/ns/${base.split("/").at(-2)}`, { method: "DELETE" });
  };
  return migrated({ ...database, cleanup });
}

/**
 * A fresh, migrated embedded file, whatever the mode: for what only a local file has (its PRAGMAs, the single
 * write connection, a second process opening the same path). A temp file rather than `:memory:`: the client
 * pools connections and each `:memory:` connection would be a separate, empty database.
 */
export async function createTestFileDatabase(): Promise<TestFileDatabase> {
  const path = join(tmpdir(), `fixline-test-${randomUUID()}.db`);
  // The send gates remember connections by id, and this database's ids start again at 1.
  resetSendGates();
  const database = openDatabase(`file:${path}`);
  const cleanup = async () => {
    database.client.close();
    await Promise.all([path, `${path}-wal`, `${path}-shm`, `${path}-journal`].map((file) => rm(file, { force: true })));
  };
  return { ...(await migrated({ ...database, cleanup })), path };
}

/** The URL of database `name` on a test libSQL server (lib/testing/hrana-server/server.ts: one per namespace). */
export function testServerDatabaseUrl(server: string, name: string): string {
  return `${server.replace(/\/$/, "")}/ns/${name}/`;
}

async function migrated<T extends TestDatabase>(database: T): Promise<T> {
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  return database;
}
