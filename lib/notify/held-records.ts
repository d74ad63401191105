import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deliveries, orders } from "@/db/schema";
import type { HeldRecords } from "./email-models";

/** Records named per connection email; the count says how many more. */
export const HELD_LABELS = 10;

/**
 * The records each connection holds until it answers (pending or retrying), oldest first: what a connection
 * email names. One count and one short list per connection.
 */
export async function loadHeldRecords(db: DbOrTx, connectionIds: number[]): Promise<Map<number, HeldRecords>> {
  const held = new Map<number, HeldRecords>();
  for (const connectionId of new Set(connectionIds)) {
    const waiting = and(eq(deliveries.connectionId, connectionId), inArray(deliveries.status, ["pending", "retrying"]));
    const [total] = await db.select({ n: count() }).from(deliveries).where(waiting);
    const first = await db
      .select({ kind: deliveries.kind, sku: deliveries.sku, orderNumber: orders.orderNumber })
      .from(deliveries)
      .leftJoin(orders, eq(orders.id, deliveries.orderId))
      .where(waiting)
      .orderBy(asc(deliveries.id))
      .limit(HELD_LABELS);
    held.set(connectionId, { count: total?.n ?? 0, labels: first.map((r) => recordName(r)) });
  }
  return held;
}

function recordName(r: { kind: string; sku: string | null; orderNumber: string | null }): string {
  if (r.kind === "inventory_to_cart") return `inventory of ${r.sku ?? "a product"}`;
  if (r.kind === "tracking_to_cart") return `tracking for ${r.orderNumber ?? "an order"}`;
  return `order ${r.orderNumber ?? "?"}`;
}
