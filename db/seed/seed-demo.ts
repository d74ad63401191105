import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { count } from "drizzle-orm";
import { readEnv, type EnvSource } from "@/lib/config/env";
import type { Db, DbOrTx } from "../client";
import {
  accounts,
  alertContacts,
  alertDedupeKey,
  alertEvents,
  alerts,
  connections,
  deliveries,
  type Connection,
  memberships,
  orders,
  shipMethodMappings,
  users,
} from "../schema";
import { MERCHANTS, SHIP_METHOD_MAPPINGS, WAREHOUSE } from "./catalog";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";
import { planInventory, planOrders, type DeliveryPlan } from "./plan-orders";
import { seededRandom } from "./random";
import { seedFlow, seedShipBy } from "./seed-flow";

const DAY = 86_400_000;
const ORDERS_PER_MERCHANT = 160;

export function sandboxUrl(source?: EnvSource): string {
  return readEnv(source).SANDBOX_URL.replace(/\/$/, "");
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(accounts);
  return (row?.n ?? 0) === 0;
}

export type SeedSummary = { orders: number; alerts: number };

/**
 * Demo data: one warehouse serving two merchants, each with a cart and a WMS connection, a few hundred
 * orders in every status, and alerts of every kind with their history. Deterministic for a given `now`.
 */
export async function seedDemoData(db: Db, now: Date): Promise<SeedSummary> {
  const rng = seededRandom(20261126);
  const t = now.getTime();
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const since = new Date(t - 120 * DAY);
  return db.transaction(async (tx) => {
    const [warehouse] = await tx.insert(accounts).values({ kind: "warehouse", name: WAREHOUSE.name, createdAt: since }).returning();
    const merchants = await tx
      .insert(accounts)
      .values(MERCHANTS.map((m) => ({ kind: "merchant" as const, name: m.name, warehouseId: warehouse!.id, createdAt: since })))
      .returning();
    const accountByName = new Map([warehouse!, ...merchants].map((a) => [a.name, a.id]));

    const userIds: string[] = [];
    for (const u of Object.values(DEMO_USERS)) {
      const [user] = await tx.insert(users).values({ email: u.email, name: u.name, passwordHash, emailVerified: since }).returning();
      await tx.insert(memberships).values({ userId: user!.id, accountId: accountByName.get(u.account)!, role: u.role });
      userIds.push(user!.id);
    }
    const dismisser = userIds[0]!;
    await tx
      .insert(shipMethodMappings)
      .values(SHIP_METHOD_MAPPINGS.map((m) => ({ ...m, warehouseId: warehouse!.id, createdAt: since, updatedAt: since })));
    await tx.insert(alertContacts).values([
      {
        accountId: warehouse!.id,
        email: DEMO_USERS.warehouseAdmin.email,
        name: DEMO_USERS.warehouseAdmin.name,
        frequency: "immediate",
        createdAt: since,
        updatedAt: since,
      },
      {
        accountId: warehouse!.id,
        email: "ops-leads@northwind-fulfillment.example",
        name: "Ops leads",
        frequency: "daily",
        createdAt: since,
        updatedAt: since,
      },
      {
        accountId: merchants[0]!.id,
        email: DEMO_USERS.merchantUser.email,
        name: DEMO_USERS.merchantUser.name,
        frequency: "hourly",
        createdAt: since,
        updatedAt: since,
      },
      {
        accountId: merchants[1]!.id,
        email: "support@brighttrail.example",
        name: "Bright Trail support",
        frequency: "daily",
        createdAt: since,
        updatedAt: since,
      },
    ]);

    const summary: SeedSummary = { orders: 0, alerts: 0 };
    const seeded: Connection[] = [];
    for (const [index, merchant] of MERCHANTS.entries()) {
      const accountId = merchants[index]!.id;
      const [cart, wms] = await tx
        .insert(connections)
        .values([
          connection(accountId, "cart", merchant.cart.platform, merchant.cart.name, `${sandboxUrl()}/${merchant.slug}/cart`, since),
          connection(accountId, "wms", WAREHOUSE.wmsPlatform, "Northwind WMS", `${sandboxUrl()}/${merchant.slug}/wms`, since),
        ])
        .returning();
      const targets = { cart: cart!.id, wms: wms!.id };
      const plans = planOrders(rng, merchant, ORDERS_PER_MERCHANT, t);
      const orderIds: number[] = [];
      for (const chunk of chunks(plans, 100)) {
        const rows = await tx
          .insert(orders)
          .values(chunk.map(({ deliveries: _, ...o }) => ({ ...o, accountId, cartConnectionId: cart!.id })))
          .returning({ id: orders.id });
        orderIds.push(...rows.map((r) => r.id));
      }
      const planned = plans.flatMap((p, n) => p.deliveries.map((d) => ({ ...d, orderId: orderIds[n]! })));
      planned.push(...planInventory(rng, merchant, t).map((d) => ({ ...d, orderId: null as unknown as number })));
      summary.orders += plans.length;
      summary.alerts += await insertDeliveries(tx, accountId, targets, planned, dismisser);
      seeded.push(cart!, wms!);
    }
    await seedShipBy(tx, warehouse!.id, now);
    // The first merchant's cart went silent (docs/silence.md): the watch-silence job raises its alert at its next run.
    await seedFlow(tx, seeded, seeded[0]!.id, now);
    return summary;
  });
}

function connection(accountId: number, kind: "cart" | "wms", platform: string, name: string, endpointUrl: string, at: Date) {
  return {
    accountId,
    kind,
    platform,
    name,
    endpointUrl,
    credential: `sandbox_${randomBytes(12).toString("hex")}`,
    webhookSecret: `whsec_${randomBytes(24).toString("base64")}`,
    syncIntervalMinutes: 15,
    createdAt: at,
    updatedAt: at,
  };
}

async function insertDeliveries(
  tx: DbOrTx,
  accountId: number,
  targets: { cart: number; wms: number },
  planned: (DeliveryPlan & { orderId: number | null })[],
  dismisser: string,
): Promise<number> {
  let alertCount = 0;
  for (const chunk of chunks(planned, 100)) {
    const rows = await tx
      .insert(deliveries)
      .values(chunk.map(({ target, alert: _, ...d }) => ({ ...d, accountId, connectionId: targets[target] })))
      .returning({ id: deliveries.id });
    const withAlerts = chunk.flatMap((d, n) => (d.alert ? [{ d, alert: d.alert, deliveryId: rows[n]!.id }] : []));
    if (withAlerts.length === 0) continue;
    const alertRows = await tx
      .insert(alerts)
      .values(
        withAlerts.map(({ d, alert: { events: _, ...a }, deliveryId }) => ({
          ...a,
          accountId,
          deliveryId,
          orderId: d.orderId,
          connectionId: targets[d.target],
          dedupeKey: alertDedupeKey({ deliveryId }, a.kind),
          dismissedBy: a.state === "dismissed" ? dismisser : null,
        })),
      )
      .returning({ id: alerts.id });
    const events = withAlerts.flatMap(({ alert }, n) =>
      alert.events.map((e) => ({
        ...e,
        alertId: alertRows[n]!.id,
        actorUserId: e.type === "dismissed" ? dismisser : null,
      })),
    );
    for (const part of chunks(events, 200)) await tx.insert(alertEvents).values(part);
    alertCount += alertRows.length;
  }
  return alertCount;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
