import type { Client } from "@libsql/client";

/**
 * On a libSQL server several app processes write at once: a write that waits on another's transaction longer
 * than the server's busy timeout (sqld: 5 s) is answered SQLITE_BUSY, having changed nothing. Such a call is
 * tried again, a few times, after a short random pause; any other error is the caller's. Only for a server:
 * in an embedded file the writers of a process take turns (db/serialize-writes.ts) and never meet.
 */
const TRIES = 5;
const BUSY = new Set(["SQLITE_BUSY", "SQLITE_LOCKED", "TRANSACTION_BUSY", "TRANSACTION_TIMEOUT"]);

export function isBusy(error: unknown): boolean {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && BUSY.has(code)) return true;
  }
  return false;
}

export async function whenNotBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= TRIES || !isBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/** The client, with `execute` and `batch` (each all or nothing on the server) retried when busy. */
export function retryBusyStatements(client: Client): Client {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "execute" || prop === "batch") {
        return (...args: unknown[]) => whenNotBusy(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
