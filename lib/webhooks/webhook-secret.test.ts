import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connections, memberships, users, webhookReceipts } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "../errors";
import { resolveUserScope } from "../tenancy/scope";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { listWebhookReceipts } from "./list-webhook-receipts";
import { revealWebhookSecret, rotateWebhookSecret } from "./webhook-secret";

const now = new Date("2026-11-26T14:05:00Z");
let database: TestDatabase;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeEach(async () => {
  database = await createTestDatabase();
  world = await makeWorld(database.db, now);
});
afterEach(async () => {
  await database.cleanup();
});

async function userOf(accountId: number, role: "admin" | "member") {
  const [user] = await database.db
    .insert(users)
    .values({ email: `${role}-${accountId}-${Math.random()}@example.test` })
    .returning();
  await database.db.insert(memberships).values({ userId: user!.id, accountId, role });
  return resolveUserScope(database.db, user!.id);
}

describe("rotateWebhookSecret", () => {
  it.each([
    ["a merchant admin", () => userOf(world.merchant.id, "admin")],
    ["an admin of the warehouse serving the merchant", () => userOf(world.warehouse.id, "admin")],
  ])("lets %s rotate; the old secret stays valid for 24 hours", async (_, scope) => {
    const before = world.cart.webhookSecret;
    const { secret, previousSecretExpiresAt } = await rotateWebhookSecret(
      { db: database.db, scope: await scope(), now },
      { connectionId: world.cart.id },
    );
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(previousSecretExpiresAt).toEqual(new Date("2026-11-27T14:05:00Z"));
    const [row] = await database.db.select().from(connections).where(eq(connections.id, world.cart.id));
    expect(row).toMatchObject({ webhookSecret: secret, previousWebhookSecret: before, previousSecretExpiresAt });
  });

  it("refuses members, and another tenant's connection is not found", async () => {
    await expect(
      rotateWebhookSecret({ db: database.db, scope: await userOf(world.merchant.id, "member"), now }, { connectionId: world.cart.id }),
    ).rejects.toThrow(ForbiddenError);
    const other = await makeWorld(database.db, now);
    await expect(
      rotateWebhookSecret({ db: database.db, scope: await userOf(other.merchant.id, "admin"), now }, { connectionId: world.cart.id }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      revealWebhookSecret({ db: database.db, scope: await userOf(other.merchant.id, "admin") }, { connectionId: world.cart.id }),
    ).rejects.toThrow(NotFoundError);
    const [row] = await database.db.select().from(connections).where(eq(connections.id, world.cart.id));
    expect(row!.previousWebhookSecret).toBeNull();
  });

  it("a second rotation drops the secret the first one replaced", async () => {
    const scope = await userOf(world.merchant.id, "admin");
    const first = await rotateWebhookSecret({ db: database.db, scope, now }, { connectionId: world.cart.id });
    await rotateWebhookSecret({ db: database.db, scope, now: new Date(now.getTime() + 60_000) }, { connectionId: world.cart.id });
    const [row] = await database.db.select().from(connections).where(eq(connections.id, world.cart.id));
    expect(row!.previousWebhookSecret).toBe(first.secret);
  });
});

describe("listWebhookReceipts", () => {
  it("lists the last 20 events of each visible connection, newest first", async () => {
    const receipt = (connectionId: number, n: number) => ({
      connectionId,
      webhookId: `msg_${connectionId}_${n}`,
      eventType: "error.reported",
      payload: { type: "error.reported", data: { sku: `SKU-${n}`, message: "x" } },
      receivedAt: new Date(now.getTime() + n * 1000),
    });
    const other = await makeWorld(database.db, now);
    await database.db
      .insert(webhookReceipts)
      .values([...Array.from({ length: 25 }, (_, n) => receipt(world.cart.id, n)), receipt(world.wms.id, 0), receipt(other.cart.id, 0)]);
    const rows = await listWebhookReceipts(database.db, world.scope);
    const cart = rows.filter((r) => r.connectionId === world.cart.id);
    expect(cart).toHaveLength(20);
    expect(cart[0]).toMatchObject({
      webhookId: `msg_${world.cart.id}_24`,
      subject: "SKU-24",
      status: "accepted",
      receivedAt: new Date(now.getTime() + 24_000),
    });
    expect(rows.filter((r) => r.connectionId === world.wms.id)).toHaveLength(1);
    expect(rows.some((r) => r.connectionId === other.cart.id)).toBe(false);
  });
});
