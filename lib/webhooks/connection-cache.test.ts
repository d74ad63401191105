import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberships, users, type Connection } from "@/db/schema";
import { resolveUserScope } from "../tenancy/scope";
import { signed } from "../testing/sign-webhook";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { createConnectionCache, webhookConnectionCache } from "./connection-cache";
import { createRateLimiter } from "./rate-limiter";
import { receiveWebhook } from "./receive-webhook";
import { rotateWebhookSecret } from "./webhook-secret";

const row = (secret: string) => ({ id: 7, webhookSecret: secret }) as Connection;

it("serves a connection from the cache for ttlMs, then reads it again; an unknown id is read every time", async () => {
  let clock = 0;
  let reads = 0;
  const cache = createConnectionCache(1_000, () => clock);
  const load = (secret: string | null) => async () => (reads++, secret ? row(secret) : null);
  expect((await cache.get(7, load("whsec_a")))?.webhookSecret).toBe("whsec_a");
  clock = 999;
  expect((await cache.get(7, load("whsec_b")))?.webhookSecret).toBe("whsec_a");
  clock = 1_000;
  expect((await cache.get(7, load("whsec_b")))?.webhookSecret).toBe("whsec_b");
  expect(reads).toBe(2);
  expect(await cache.get(8, load(null))).toBeNull();
  expect(await cache.get(8, load(null))).toBeNull();
  expect(reads).toBe(4);
  cache.forget(7);
  expect((await cache.get(7, load("whsec_c")))?.webhookSecret).toBe("whsec_c");
});

describe("with the endpoint's cache", () => {
  const now = new Date("2026-11-26T14:05:00Z");
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.cleanup();
  });

  it("an event signed with the new secret is accepted right after a rotation in this process", async () => {
    const world = await makeWorld(database.db, now);
    const body = JSON.stringify({ type: "error.reported", data: { message: "Carrier rejected the label", orderNumber: "#T1001" } });
    const receive = (secret: string, id: string) =>
      receiveWebhook(
        database.db,
        { connectionId: String(world.cart.id), headers: signed(secret, body, new Date(), id), body },
        { now: new Date(), limiter: createRateLimiter(), connections: webhookConnectionCache() },
      );
    expect((await receive(world.cart.webhookSecret, "msg_1")).ok).toBe(true);
    const [admin] = await database.db.insert(users).values({ email: "admin@warehouse.test" }).returning();
    await database.db.insert(memberships).values({ userId: admin!.id, accountId: world.warehouse.id, role: "admin" });
    const { secret } = await rotateWebhookSecret(
      { db: database.db, scope: await resolveUserScope(database.db, admin!.id), now: new Date() },
      { connectionId: world.cart.id },
    );
    expect((await receive(secret, "msg_2")).ok).toBe(true);
    expect((await receive(world.cart.webhookSecret, "msg_3")).ok).toBe(true);
  });
});
