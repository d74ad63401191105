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
/** Connections the client pools for an embedded file (the client's default, stated so every one can be tuned). */
export const EMBEDDED_POOL_SIZE = 20;

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
    ...(embedded ? { timeout: BUSY_TIMEOUT_MS, concurrency: EMBEDDED_POOL_SIZE } : {}),
  });
  if (embedded) void relaxSync(opened, EMBEDDED_POOL_SIZE);
  // A libSQL server handles overlapping writers itself; an embedded file needs them to take turns.
  const client = embedded ? serializeWrites(opened, resolve(path)) : opened;
  return { db: drizzle(client, { schema }), client, url };
}

/**
 * `synchronous = NORMAL` on every pooled connection of an embedded file. In WAL mode (see migrate.ts) a
 * commit then no longer waits for an fsync of the log: measured here ~4 ms → ~0.1 ms per commit. An
 * application crash loses nothing; a power cut may lose the last commits but never corrupts the file —
 * and a record whose success is lost is sent again with the same Idempotency-Key (R7), which the receiver
 * drops. The setting is per connection: `size` calls at once each borrow a connection of their own, so
 * they reach the whole pool before anything else runs. (It cannot be set inside a transaction.)
 */
export function relaxSync(client: Client, size: number): Promise<void> {
  const calls = Array.from({ length: size }, () => client.execute("PRAGMA synchronous = NORMAL"));
  // A failure leaves that connection at the default (FULL): slower, never less safe.
  return Promise.allSettled(calls).then(() => undefined);
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
