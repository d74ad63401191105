import type { Connection } from "@/db/schema";

export type ConnectionCache = {
  /** The connection by id: from the cache while fresh, otherwise loaded (an unknown id is never cached). */
  get: (id: number, load: () => Promise<Connection | null>) => Promise<Connection | null>;
  forget: (id: number) => void;
};

/**
 * Connections as the webhook endpoint last read them, for `ttlMs`: the busiest endpoint then reads a
 * connection once a second instead of on every event. A rotation in this process forgets the entry at
 * once; in another process the new secret is read within `ttlMs`, while the replaced one is still accepted
 * (for 24 hours), so no honest event is refused meanwhile.
 */
export function createConnectionCache(ttlMs: number, clock: () => number = () => Date.now()): ConnectionCache {
  const entries = new Map<number, { connection: Connection; readAt: number }>();
  return {
    async get(id, load) {
      const entry = entries.get(id);
      if (entry && clock() - entry.readAt < ttlMs) return entry.connection;
      const connection = await load();
      if (connection) entries.set(id, { connection, readAt: clock() });
      else entries.delete(id);
      return connection;
    },
    forget: (id) => void entries.delete(id),
  };
}

const store = globalThis as unknown as { fixlineConnectionCache?: ConnectionCache };

/** This process's cache, shared by the webhook endpoint and the rotation that must invalidate it. */
export function webhookConnectionCache(): ConnectionCache {
  return (store.fixlineConnectionCache ??= createConnectionCache(1_000));
}
