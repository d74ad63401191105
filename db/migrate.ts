import { join } from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { Database } from "./client";

export const MIGRATIONS_FOLDER = join(process.cwd(), "db", "migrations");

/** Applies every pending migration. Embedded files are switched to WAL, which the file remembers. */
export async function migrateDatabase({ db, client, url }: Database): Promise<void> {
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode = WAL");
  }
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
