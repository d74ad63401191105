import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { resetSendGates } from "../retry/send-gate";

export type TestDatabase = Database & { path: string; cleanup: () => Promise<void> };

/**
 * A fresh, migrated libSQL database for one test. A temp file rather than `:memory:`: the client pools
 * connections and each `:memory:` connection would be a separate, empty database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const path = join(tmpdir(), `fixline-test-${randomUUID()}.db`);
  // The send gates remember connections by id, and this database's ids start again at 1.
  resetSendGates();
  const database = openDatabase(`file:${path}`);
  const cleanup = async () => {
    database.client.close();
    await Promise.all([path, `${path}-wal`, `${path}-shm`, `${path}-journal`].map((file) => rm(file, { force: true })));
  };
  try {
    await migrateDatabase(database);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { ...database, path, cleanup };
}
