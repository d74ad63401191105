import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterEach, expect, it } from "vitest";
import { relaxSync } from "./client";

const path = join(tmpdir(), `fixline-client-${randomUUID()}.db`);
afterEach(async () => {
  await Promise.all([path, `${path}-wal`, `${path}-shm`].map((f) => rm(f, { force: true })));
});

/** What each pooled connection says, read through `size` calls at once (each borrows a connection of its own). */
async function settings(client: ReturnType<typeof createClient>, size: number) {
  const rows = await Promise.all(Array.from({ length: size }, () => client.execute("PRAGMA synchronous")));
  return rows.map((r) => Number(r.rows[0]![0]));
}

it("every pooled connection of an embedded file commits with synchronous = NORMAL", async () => {
  const client = createClient({ url: `file:${path}`, concurrency: 6 });
  try {
    // Without it, connections the pool opens later are at the default, FULL (2).
    expect(new Set(await settings(client, 6))).toEqual(new Set([2]));
    await relaxSync(client, 6);
    expect(await settings(client, 6)).toEqual([1, 1, 1, 1, 1, 1]);
  } finally {
    client.close();
  }
});
