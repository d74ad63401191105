import { AsyncLocalStorage } from "node:async_hooks";
import type { Client, InStatement, Transaction, TransactionMode } from "@libsql/client";

/**
 * An embedded libSQL file is written through synchronous calls: a write that meets another connection's
 * open transaction waits inside SQLite's busy handler, which blocks this process's event loop — so the
 * transaction it waits for can never commit, and after the busy timeout (5 s) the write fails with
 * SQLITE_BUSY. Measured here: one insert while a transaction of the same process was open stalled the
 * server for 5,049 ms and failed. Any two overlapping writers in one process (a webhook stored while
 * another is processed, a job and a page action) met it.
 *
 * So, within a process, writes to one file take turns: a transaction holds the turn from BEGIN to
 * COMMIT or ROLLBACK, a single write statement or batch for its one call. Reads do not wait (WAL lets
 * them run beside a writer). Other processes are unaffected: their waits block only themselves.
 *
 * Since writes take turns anyway, they all go through `writes`, a client of one connection, and reads
 * through `reads`, a pool. `onFirstWrite` runs once on the write connection before its first write (the
 * per-connection PRAGMAs of db/client.ts).
 */
export function serializeWrites(
  reads: Client,
  writes: Client,
  path: string,
  onFirstWrite: (writes: Client) => Promise<void> = async () => {},
): Client {
  const lock = lockFor(path);
  // Only ever awaited by the holder of the turn, so it never waits on a turn itself.
  let prepared: Promise<void> | null = null;
  const prepare = () => (prepared ??= onFirstWrite(writes));
  const turn = async <T>(fn: () => Promise<T>) =>
    lock.run(async () => {
      await prepare();
      return fn();
    });
  return new Proxy(reads, {
    get(target, prop) {
      if (prop === "transaction") return (mode?: TransactionMode) => lockedTransaction(writes, lock, prepare, mode);
      if (prop === "execute") {
        return (stmt: InStatement | string, args?: unknown) =>
          isRead(stmt) ? target.execute(stmt as never, args as never) : turn(() => writes.execute(stmt as never, args as never));
      }
      if (prop === "batch" || prop === "migrate" || prop === "executeMultiple") {
        const method = (writes[prop] as (...a: unknown[]) => Promise<unknown>).bind(writes);
        return (...args: unknown[]) => turn(() => method(...args));
      }
      if (prop === "close") {
        return () => {
          target.close();
          writes.close();
        };
      }
      const value = Reflect.get(target, prop, target);
      // Client methods use private fields: call them on the client itself, never on the proxy.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function lockedTransaction(
  client: Client,
  lock: WriteLock,
  prepare: () => Promise<void>,
  mode?: TransactionMode,
): Promise<Transaction> {
  const release = await lock.acquire();
  let tx: Transaction;
  try {
    await prepare();
    tx = await client.transaction(mode);
  } catch (error) {
    release();
    throw error;
  }
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  const close = tx.close.bind(tx);
  return Object.assign(tx, {
    commit: () => commit().finally(release),
    rollback: () => rollback().finally(release),
    close: () => {
      try {
        close();
      } finally {
        release();
      }
    },
  });
}

function isRead(stmt: InStatement | string): boolean {
  const sql = typeof stmt === "string" ? stmt : stmt.sql;
  return /^\s*select\b/i.test(sql);
}

type WriteLock = { acquire: () => Promise<() => void>; run: <T>(fn: () => Promise<T>) => Promise<T> };

const locks = new Map<string, WriteLock>();
const urgent = new AsyncLocalStorage<true>();

/**
 * Runs `fn` with its writes ahead of the queue: for a write someone is waiting on (storing a webhook before
 * answering it), not for background work, which would otherwise sit in front of it.
 */
export function writeFirst<T>(fn: () => Promise<T>): Promise<T> {
  return urgent.run(true, fn);
}

/** One turn per database file in this process: urgent writes first, each kind in arrival order. */
function lockFor(path: string): WriteLock {
  let lock = locks.get(path);
  if (!lock) {
    lock = createLock();
    locks.set(path, lock);
  }
  return lock;
}

/** A write waiting this long is stuck behind itself (a write made outside the transaction it runs in). */
const TURN_TIMEOUT_MS = 30_000;

function createLock(): WriteLock {
  let held = false;
  const queues = { urgent: [] as (() => void)[], normal: [] as (() => void)[] };
  const acquire = async () => {
    if (held) await waitForTurn(urgent.getStore() ? queues.urgent : queues.normal);
    held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queues.urgent.shift() ?? queues.normal.shift();
      if (next) next();
      else held = false;
    };
  };
  return {
    acquire,
    async run(fn) {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}

function waitForTurn(queue: (() => void)[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const turn = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      queue.splice(queue.indexOf(turn), 1);
      reject(
        new Error(
          `No turn to write to the database after ${TURN_TIMEOUT_MS / 1000} s: is a write made outside the transaction it runs in?`,
        ),
      );
    }, TURN_TIMEOUT_MS);
    timer.unref?.();
    queue.push(turn);
  });
}
