import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import bcrypt from "bcryptjs";
import { and, count, eq, inArray } from "drizzle-orm";
import {
  accounts,
  alertEvents,
  alerts,
  connections,
  deliveries,
  memberships,
  orders,
  shipMethodMappings,
  users,
  webhookReceipts,
} from "../db/schema";
import { signRequest } from "../lib/webhooks/sign-request";
import { E2E_SANDBOX_URL } from "./config";
import { DEMO_PASSWORD, e2eDb as openE2eDb } from "./fixtures";

let shared: ReturnType<typeof openE2eDb> | undefined;
/** One client for these fixtures (fixtures.ts opens one per call). */
const e2eDb = () => (shared ??= openE2eDb());

export type TestConnection = { id: number; secret: string };

/**
 * A warehouse, merchant and admin of their own for the webhook tests, so that counting "rows before and
 * after" is not disturbed by other specs running beside them, and the demo accounts' alert counts are not
 * disturbed by these tests. Its cart and WMS are the sandbox's Alder & Oak endpoints.
 */
export async function createWebhookWorld() {
  const db = e2eDb();
  const now = new Date();
  const tag = randomBytes(3).toString("hex");
  const [warehouse] = await db
    .insert(accounts)
    .values({ kind: "warehouse", name: `Hook Test Warehouse ${tag}`, createdAt: now })
    .returning();
  const [merchant] = await db
    .insert(accounts)
    .values({ kind: "merchant", name: `Hook Test Goods ${tag}`, warehouseId: warehouse!.id, createdAt: now })
    .returning();
  const email = `hook-admin-${tag}@example.test`;
  const [user] = await db
    .insert(users)
    .values({ email, name: "Hook Admin", passwordHash: await bcrypt.hash(DEMO_PASSWORD, 10), emailVerified: now })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, accountId: merchant!.id, role: "admin" });
  await db.insert(shipMethodMappings).values({
    warehouseId: warehouse!.id,
    cartLabel: "Standard Shipping",
    carrier: "USPS",
    serviceCode: "usps_ground_advantage",
    createdAt: now,
    updatedAt: now,
  });
  const connection = (kind: "cart" | "wms") => ({
    accountId: merchant!.id,
    kind,
    platform: kind === "cart" ? "Shopify" : "Test WMS",
    name: kind === "cart" ? `hook-test-${tag}.myshopify.com` : `Hook Test WMS ${tag}`,
    endpointUrl: `${E2E_SANDBOX_URL}/alder-oak/${kind}`,
    credential: `sandbox_${tag}`,
    webhookSecret: `whsec_${randomBytes(24).toString("base64")}`,
    createdAt: now,
    updatedAt: now,
  });
  const [cart, wms] = await db
    .insert(connections)
    .values([connection("cart"), connection("wms")])
    .returning();
  const [demoCart] = await db.select().from(connections).where(eq(connections.name, "alderandoak.myshopify.com"));
  return {
    merchantId: merchant!.id,
    adminEmail: email,
    cart: { id: cart!.id, secret: cart!.webhookSecret },
    wms: { id: wms!.id, secret: wms!.webhookSecret },
    /** Another merchant's connection (the demo Alder & Oak cart). */
    demoCart: { id: demoCart!.id, secret: demoCart!.webhookSecret },
  };
}
export type WebhookWorld = Awaited<ReturnType<typeof createWebhookWorld>>;

export function signHeaders(secret: string, body: string, options: { id?: string; at?: Date } = {}) {
  return { "content-type": "application/json", ...signRequest(secret, body, options) };
}

/** Posts an event signed with the reference library, as a connector would. */
export function postEvent(
  request: APIRequestContext,
  connection: TestConnection,
  event: unknown,
  options: { id?: string; at?: Date } = {},
) {
  const body = typeof event === "string" ? event : JSON.stringify(event);
  // A Buffer goes out byte for byte: Playwright would JSON-encode a string that is not valid JSON.
  return request.post(`/api/webhooks/${connection.id}`, {
    headers: signHeaders(connection.secret, body, options),
    data: Buffer.from(body),
  });
}

/** The rows a webhook for this world (or the demo cart) could add or change. */
export async function rowCounts(world: WebhookWorld) {
  const db = e2eDb();
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
  const mine = world.merchantId;
  return {
    receipts: await n(
      db
        .select({ n: count() })
        .from(webhookReceipts)
        .where(inArray(webhookReceipts.connectionId, [world.cart.id, world.wms.id, world.demoCart.id])),
    ),
    orders: await n(db.select({ n: count() }).from(orders).where(eq(orders.accountId, mine))),
    deliveries: await n(db.select({ n: count() }).from(deliveries).where(eq(deliveries.accountId, mine))),
    alerts: await n(db.select({ n: count() }).from(alerts).where(eq(alerts.accountId, mine))),
    alertEvents: await n(
      db.select({ n: count() }).from(alertEvents).innerJoin(alerts, eq(alerts.id, alertEvents.alertId)).where(eq(alerts.accountId, mine)),
    ),
  };
}

export async function orderOf(world: WebhookWorld, orderNumber: string) {
  const [order] = await e2eDb()
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, world.merchantId), eq(orders.orderNumber, orderNumber)));
  return order ?? null;
}

export async function deliveriesOf(world: WebhookWorld) {
  return e2eDb().select().from(deliveries).where(eq(deliveries.accountId, world.merchantId)).orderBy(deliveries.id);
}

/** What the sandbox connector received, by Idempotency-Key (GET /_sandbox/state). */
export async function sandboxKeys(request: APIRequestContext, target: "alder-oak/wms" | "alder-oak/cart"): Promise<Record<string, number>> {
  const state = (await (await request.get(`${E2E_SANDBOX_URL}/_sandbox/state`)).json()) as {
    targets: { id: string; keys: Record<string, number> }[];
  };
  return state.targets.find((t) => t.id === target)!.keys;
}
