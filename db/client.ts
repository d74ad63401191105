import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";
import { serializeWrites } from "./serialize-writes";

export type Db = LibSQLDatabase<typeof schema>;
/** A database handle or an open transaction: core functions accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_URL = "file:data/fixline.db";
/** Busy timeout for embedded `file:` databases, applied to every pooled connection. */
const BUSY_TIMEOUT_MS = 5_000;

export type Database = { db: Db; client: Client; url: string };

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** Opens a database: an embedded libSQL file by default, a libSQL server for libsql:// or https://. */
export function openDatabase(url = databaseUrl(), authToken = process.env.DATABASE_AUTH_TOKEN): Database {
  const embedded = url.startsWith("file:");
  const path = embedded ? (url.slice("file:".length).split("?")[0] ?? "") : "";
  if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const opened = createClient({
    url,
    authToken: embedded ? undefined : authToken,
    // `timeout` is the busy timeout of each connection the client opens, so it holds for the whole pool.
    ...(embedded ? { timeout: BUSY_TIMEOUT_MS } : {}),
  });
  // A libSQL server handles overlapping writers itself; an embedded file needs them to take turns.
  const client = embedded ? serializeWrites(opened, resolve(path)) : opened;
  return { db: drizzle(client, { schema }), client, url };
}

const globalForDb = globalThis as unknown as { fixlineDb?: Database };

/** The process-wide database (kept on globalThis so dev reloads do not open new pools). */
export function getDatabase(): Database {
  globalForDb.fixlineDb ??= openDatabase();
  return globalForDb.fixlineDb;
}

export function getDb(): Db {
  return getDatabase().db;
}
