import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { accounts, alertDedupeKey, alertEvents, alerts, connections, deliveries, orders, shipMethodMappings } from "@/db/schema";

const CHUNK = 500;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type SweepWorld = { connections: number; records: number; retrying: number };

/**
 * A fresh, migrated database with one warehouse, `connectionCount` merchants each with one WMS connection
 * pointing at the stand-in, the mapped ship method, and `records` orders each with a due `order_to_wms`
 * delivery, spread round-robin over the connections. Every other record is a retry (status retrying,
 * failed an hour ago, with its open `order_send_failed` alert); the rest were never sent (pending).
 */
export async function seedSweep(
  file: string,
  opts: { records: number; connectionCount: number; standInUrl: string; now: Date },
): Promise<SweepWorld> {
  const database = openDatabase(`file:${file}`);
  const { db } = database;
  const { now, records, connectionCount } = opts;
  try {
    await migrateDatabase(database);
    const [warehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "Bench Warehouse", createdAt: now }).returning();
    const merchants = await db
      .insert(accounts)
      .values(
        Array.from({ length: connectionCount }, (_, i) => ({
          kind: "merchant" as const,
          name: `Merchant ${i + 1}`,
          warehouseId: warehouse!.id,
          createdAt: now,
        })),
      )
      .returning();
    const wms = await db
      .insert(connections)
      .values(
        merchants.map((m, i) => ({
          accountId: m.id,
          kind: "wms" as const,
          platform: "Bench WMS",
          name: `WMS ${i + 1}`,
          endpointUrl: `${opts.standInUrl}/m${i + 1}/wms`,
          credential: `bench-credential-${i + 1}`,
          webhookSecret: "whsec_YmVuY2g=",
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    await db.insert(shipMethodMappings).values({
      warehouseId: warehouse!.id,
      cartLabel: "Standard",
      carrier: "UPS",
      serviceCode: "ups_ground",
      createdAt: now,
      updatedAt: now,
    });

    const failedAt = new Date(now.getTime() - HOUR);
    let retrying = 0;
    for (let start = 0; start < records; start += CHUNK) {
      const count = Math.min(CHUNK, records - start);
      await db.transaction(async (tx) => {
        const rows = Array.from({ length: count }, (_, j) => {
          const i = start + j;
          const c = i % connectionCount;
          return { i, merchant: merchants[c]!, connection: wms[c]!, retry: i % 2 === 1, created: new Date(now.getTime() - 2 * DAY + i) };
        });
        const madeOrders = await tx
          .insert(orders)
          .values(
            rows.map((r) => ({
              accountId: r.merchant.id,
              orderNumber: `#B${r.i + 1}`,
              shipTo: {
                name: "Ada Lovelace",
                line1: `${r.i + 1} Main St`,
                city: "Austin",
                region: "TX",
                postalCode: "78701",
                country: "US",
              },
              shipMethodLabel: "Standard",
              lines: [{ sku: "SKU-1", quantity: 1 + (r.i % 3) }],
              status: r.retry ? ("error" as const) : ("new" as const),
              placedAt: r.created,
              createdAt: r.created,
              updatedAt: r.created,
            })),
          )
          .returning({ id: orders.id });
        const made = await tx
          .insert(deliveries)
          .values(
            rows.map((r, j) => ({
              accountId: r.merchant.id,
              connectionId: r.connection.id,
              kind: "order_to_wms" as const,
              orderId: madeOrders[j]!.id,
              payload: {},
              status: r.retry ? ("retrying" as const) : ("pending" as const),
              ...(r.retry
                ? {
                    attempts: 1,
                    consecutiveFailures: 1,
                    firstFailureAt: failedAt,
                    lastAttemptAt: failedAt,
                    giveUpAt: new Date(failedAt.getTime() + 15 * DAY),
                    lastError: "503 Service Unavailable",
                    lastHttpStatus: 503,
                  }
                : {}),
              nextAttemptAt: r.retry ? new Date(now.getTime() - 30_000) : r.created,
              createdAt: r.created,
              updatedAt: r.created,
            })),
          )
          .returning({ id: deliveries.id });
        const failed = rows.map((r, j) => ({ r, orderId: madeOrders[j]!.id, deliveryId: made[j]!.id })).filter((x) => x.r.retry);
        if (failed.length === 0) return;
        retrying += failed.length;
        const raised = await tx
          .insert(alerts)
          .values(
            failed.map((f) => ({
              accountId: f.r.merchant.id,
              connectionId: f.r.connection.id,
              deliveryId: f.deliveryId,
              orderId: f.orderId,
              kind: "order_send_failed" as const,
              message: "503 Service Unavailable",
              httpStatus: 503,
              orderNumber: `#B${f.r.i + 1}`,
              firstSeenAt: failedAt,
              lastSeenAt: failedAt,
              giveUpAt: new Date(failedAt.getTime() + 15 * DAY),
              dedupeKey: alertDedupeKey({ deliveryId: f.deliveryId }, "order_send_failed"),
            })),
          )
          .returning({ id: alerts.id });
        await tx
          .insert(alertEvents)
          .values(
            raised.map((a) => ({ alertId: a.id, type: "raised" as const, detail: "HTTP 503: 503 Service Unavailable", at: failedAt })),
          );
      });
    }
    return { connections: connectionCount, records, retrying };
  } finally {
    database.client.close();
  }
}
