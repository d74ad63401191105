import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { readEnv, type EnvSource } from "@/lib/config/env";
import * as schema from "./schema";
import { retryBusyStatements, whenNotBusy } from "./retry-busy";
import { serializeWrites } from "./serialize-writes";
import { cachePreparedStatements } from "./statement-cache";

export type Db = LibSQLDatabase<typeof schema>;
/** A database handle or an open transaction: core functions accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_URL = "file:data/fixline.db";
/** Busy timeout for embedded `file:` databases, applied to every pooled connection. */
const BUSY_TIMEOUT_MS = 5_000;

export type Database = { db: Db; client: Client; url: string };

export function databaseUrl(source?: EnvSource): string {
  return readEnv(source).DATABASE_URL;
}

/** Opens a database: an embedded libSQL file by default, a libSQL server for libsql:// or https://. */
export function openDatabase(url = databaseUrl(), authToken = readEnv().DATABASE_AUTH_TOKEN): Database {
  const embedded = url.startsWith("file:");
  const path = embedded ? (url.slice("file:".length).split("?")[0] ?? "") : "";
  if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  if (!embedded) {
    // A libSQL server orders overlapping writers itself; one that waited too long is answered busy and tried again.
    const client = retryBusyStatements(createClient({ url, authToken }));
    const db = drizzle(client, { schema });
    // A transaction that could not begin (busy) is run again from its start: its callback only talks to the database.
    const transaction = db.transaction.bind(db);
    db.transaction = ((fn, config) => whenNotBusy(() => transaction(fn, config))) as Db["transaction"];
    return { db, client, url };
  }
  cachePreparedStatements();
  // An embedded file needs its writers to take turns: they share one connection, reads use a pool.
  // `timeout` is the busy timeout of each connection a client opens, so it holds for the whole pool.
  const reads = createClient({ url, timeout: BUSY_TIMEOUT_MS });
  const writes = createClient({ url, timeout: BUSY_TIMEOUT_MS, concurrency: 1 });
  const synchronous = databaseSynchronous();
  const client = serializeWrites(reads, writes, resolve(path), async (w) => {
    await w.execute(`PRAGMA synchronous = ${synchronous}`);
  });
  return { db: drizzle(client, { schema }), client, url };
}

/**
 * How hard each commit waits for the disk. In WAL mode NORMAL (the default here) is safe against the
 * process dying at any point — a commit that returned is in the WAL — and skips the fsync of every
 * commit (measured: 4.3 ms per commit with FULL, 0.1 ms with NORMAL); the WAL is synced at each
 * checkpoint, so a power cut can lose only the last commits before it. DATABASE_SYNCHRONOUS=full syncs
 * every commit for hosts where that matters more than write throughput.
 */
export function databaseSynchronous(source?: EnvSource): "NORMAL" | "FULL" {
  return readEnv(source).DATABASE_SYNCHRONOUS === "full" ? "FULL" : "NORMAL";
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
