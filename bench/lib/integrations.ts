import { randomBytes } from "node:crypto";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { inArray, sql } from "drizzle-orm";
import { accounts, connections, shipMethodMappings, webhookReceipts } from "@/db/schema";
import { newWebhookSecret } from "@/lib/webhooks/webhook-secret";

export type BenchMerchant = { accountId: number; slug: string; cart: { id: number; secret: string }; wms: { id: number } };
export const BENCH_SHIP_METHOD = "Standard Shipping";

/** Opens a fresh bench database file and brings it to the current schema, as the app does on start. */
export async function openBenchDatabase(file: string): Promise<Database> {
  const database = openDatabase(`file:${file}`);
  await migrateDatabase(database);
  return database;
}

/**
 * One warehouse serving `count` merchants, each with a cart and a WMS connection whose endpoints are
 * `{standInUrl}/{slug}/cart|wms` (the sandbox connector's layout), and the warehouse's mapping of the
 * ship-method label the bench orders use, so no order is held for it.
 */
export async function createMerchants(
  database: Database,
  opts: { count: number; standInUrl: string; now: Date },
): Promise<BenchMerchant[]> {
  const { db } = database;
  const { now } = opts;
  const [warehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "Bench Fulfillment", createdAt: now }).returning();
  await db.insert(shipMethodMappings).values({
    warehouseId: warehouse!.id,
    cartLabel: BENCH_SHIP_METHOD,
    carrier: "UPS",
    serviceCode: "UPS_GROUND",
    createdAt: now,
    updatedAt: now,
  });
  const merchants: BenchMerchant[] = [];
  for (let n = 1; n <= opts.count; n++) {
    const slug = `bench-${n}`;
    const [merchant] = await db
      .insert(accounts)
      .values({ kind: "merchant", name: `Bench Merchant ${n}`, warehouseId: warehouse!.id, createdAt: now })
      .returning();
    const connection = (kind: "cart" | "wms") => ({
      accountId: merchant!.id,
      kind,
      platform: kind === "cart" ? "Shopify" : "Bench WMS",
      name: `${kind === "cart" ? "Shop" : "WMS"} ${n}`,
      endpointUrl: `${opts.standInUrl}/${slug}/${kind}`,
      credential: `bench_${randomBytes(8).toString("hex")}`,
      webhookSecret: newWebhookSecret(),
      syncIntervalMinutes: 15,
      createdAt: now,
      updatedAt: now,
    });
    const [cart, wms] = await db
      .insert(connections)
      .values([connection("cart"), connection("wms")])
      .returning();
    merchants.push({ accountId: merchant!.id, slug, cart: { id: cart!.id, secret: cart!.webhookSecret }, wms: { id: wms!.id } });
  }
  return merchants;
}

/** A realistic order.upserted body (about 600 bytes) with a unique order number. */
export function orderUpsertedBody(orderNumber: string): string {
  return JSON.stringify({
    type: "order.upserted",
    data: {
      orderNumber,
      placedAt: "2026-11-26T10:15:00Z",
      shipTo: {
        name: "Jordan Avery",
        line1: "418 Larkspur Lane",
        line2: "Apt 3B",
        city: "Portland",
        region: "OR",
        postalCode: "97205",
        country: "US",
        phone: "+1 503 555 0134",
      },
      shipMethodLabel: BENCH_SHIP_METHOD,
      lines: [
        { sku: "AO-LINEN-THROW-SAGE", quantity: 1, name: "Linen throw, sage" },
        { sku: "AO-CERAMIC-MUG-4", quantity: 2, name: "Stoneware mug, set of 4" },
      ],
    },
  });
}

/** How many of these webhook-ids the receipts table holds (each is stored at most once per connection). */
export async function countStoredReceipts(db: Database["db"], webhookIds: string[]): Promise<number> {
  let stored = 0;
  for (let i = 0; i < webhookIds.length; i += 500) {
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(webhookReceipts)
      .where(inArray(webhookReceipts.webhookId, webhookIds.slice(i, i + 500)));
    stored += Number(row!.n);
  }
  return stored;
}

/** Waits until no stored event is left `accepted` (all applied), or the time is up; returns how many are left. */
export async function waitUntilProcessed(db: Database["db"], timeoutMs: number, pollMs = 250): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [left] = await db
      .select({ n: sql<number>`count(*)` })
      .from(webhookReceipts)
      .where(sql`status = 'accepted'`);
    if (Number(left!.n) === 0 || Date.now() > deadline) return Number(left!.n);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
