import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { runJobOnce, type ConnectionJob, type JobContext } from "./types";

const ctx = (connectionConcurrency?: number): JobContext => ({
  db: {} as Db,
  now: new Date("2026-11-01T00:00:00Z"),
  send: async () => ({ kind: "success", status: 200 }),
  owner: "test",
  log: () => {},
  connectionConcurrency,
});

/** A job over `ids` whose connections take `ms` each and may throw; it tracks how many run at once. */
function job(ids: number[], opts: { ms?: number; failing?: number[] } = {}) {
  const seen = { running: 0, most: 0, processed: [] as number[] };
  const definition: ConnectionJob = {
    id: "test-job",
    cron: "* * * * *",
    description: "test",
    findConnections: async () => ids,
    processConnection: async (_, connectionId) => {
      seen.processed.push(connectionId);
      seen.most = Math.max(seen.most, ++seen.running);
      await new Promise((resolve) => setTimeout(resolve, opts.ms ?? 2));
      seen.running--;
      if (opts.failing?.includes(connectionId)) throw new Error(`connection ${connectionId} broke`);
      return { connectionId, attempted: 1, succeeded: 1, failed: 0, held: 0, skipped: 0, probed: false };
    },
  };
  return { definition, seen };
}

it("works on several connections at once, no more than connectionConcurrency, each once, summaries in connection order", async () => {
  const ids = Array.from({ length: 11 }, (_, i) => 100 + i);
  const { definition, seen } = job(ids, { ms: 3 });
  const summaries = await runJobOnce(definition, ctx(3));
  expect(seen.most).toBe(3);
  expect([...seen.processed].sort()).toEqual(ids);
  expect(summaries.map((s) => s.connectionId)).toEqual(ids);
});

it("one connection at a time when asked", async () => {
  const { definition, seen } = job([1, 2, 3]);
  await runJobOnce(definition, ctx(1));
  expect(seen.most).toBe(1);
  expect(seen.processed).toEqual([1, 2, 3]);
});

it("a connection that throws does not stop the others; the errors are thrown together at the end", async () => {
  const { definition, seen } = job([1, 2, 3, 4, 5], { failing: [2, 4] });
  const run = runJobOnce(definition, ctx(2));
  await expect(run).rejects.toThrow("test-job: 2 connection(s) failed");
  expect([...seen.processed].sort()).toEqual([1, 2, 3, 4, 5]);
});
