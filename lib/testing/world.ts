import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, alertEvents, alerts, connections, deliveries, orders, shipMethodMappings, type DeliveryKind } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import type { OutboundRequest, Send } from "../connectors/send";
import { resolveAccountScope } from "../tenancy/scope";

/** A small world for engine tests: one warehouse, one merchant with a cart and a WMS, a mapped ship method. */
export async function makeWorld(db: Db, now: Date, opts: { syncIntervalMinutes?: number } = {}) {
  const [warehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "Test Warehouse", createdAt: now }).returning();
  const [merchant] = await db
    .insert(accounts)
    .values({ kind: "merchant", name: "Test Merchant", warehouseId: warehouse!.id, createdAt: now })
    .returning();
  const connection = (kind: "cart" | "wms") => ({
    accountId: merchant!.id,
    kind,
    platform: kind === "cart" ? "Shopify" : "Test WMS",
    name: kind === "cart" ? "Test Cart" : "Test WMS",
    endpointUrl: `http://127.0.0.1:9/${kind}`,
    credential: "secret",
    webhookSecret: "whsec_dGVzdA==",
    syncIntervalMinutes: opts.syncIntervalMinutes ?? 15,
    createdAt: now,
    updatedAt: now,
  });
  const [cart, wms] = await db
    .insert(connections)
    .values([connection("cart"), connection("wms")])
    .returning();
  await db.insert(shipMethodMappings).values({
    warehouseId: warehouse!.id,
    cartLabel: "Standard",
    carrier: "USPS",
    serviceCode: "usps_ground",
    createdAt: now,
    updatedAt: now,
  });
  const scope = await resolveAccountScope(db, merchant!.id);
  let orderSeq = 1000;

  async function addOrder(fields: { shipMethodLabel?: string; postalCode?: string } = {}) {
    const [order] = await db
      .insert(orders)
      .values({
        accountId: merchant!.id,
        cartConnectionId: cart!.id,
        orderNumber: `#T${orderSeq++}`,
        shipTo: {
          name: "Ada Lovelace",
          line1: "1 Main St",
          city: "Austin",
          region: "TX",
          postalCode: fields.postalCode ?? "78701",
          country: "US",
        },
        shipMethodLabel: fields.shipMethodLabel ?? "Standard",
        lines: [{ sku: "SKU-1", quantity: 1 }],
        placedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [delivery] = await db
      .insert(deliveries)
      .values({
        accountId: merchant!.id,
        connectionId: wms!.id,
        kind: "order_to_wms",
        orderId: order!.id,
        payload: {},
        status: "pending",
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { order: order!, delivery: delivery! };
  }

  async function addCartDelivery(kind: Exclude<DeliveryKind, "order_to_wms">, at: Date = now) {
    const [delivery] = await db
      .insert(deliveries)
      .values({
        accountId: merchant!.id,
        connectionId: cart!.id,
        kind,
        sku: kind === "inventory_to_cart" ? "SKU-1" : null,
        payload:
          kind === "inventory_to_cart" ? { sku: "SKU-1", quantity: 5 } : { orderNumber: "#T1", carrier: "UPS", trackingNumber: "1Z" },
        status: "pending",
        nextAttemptAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    return delivery!;
  }

  return { warehouse: warehouse!, merchant: merchant!, cart: cart!, wms: wms!, scope, addOrder, addCartDelivery };
}

/** A sender that answers from a script and remembers every request. */
export function scriptedSender(answer: (request: OutboundRequest, call: number) => Outcome) {
  const requests: OutboundRequest[] = [];
  const send: Send = async (request) => {
    requests.push(request);
    return answer(request, requests.length);
  };
  return { send, requests };
}

export const OK: Outcome = { kind: "success", status: 200 };
export const DOWN: Outcome = { kind: "transient", status: 503, code: null, message: "503 Service Unavailable", retryAfterMs: null };

export async function alertsOf(db: Db, deliveryId: number) {
  return db.select().from(alerts).where(eq(alerts.deliveryId, deliveryId));
}

export async function eventsOf(db: Db, alertId: number) {
  return db.select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(alertEvents.id);
}
