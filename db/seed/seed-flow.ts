// Demo data for ship-by and silence (docs/ship-by.md, docs/silence.md): Northwind's cutoff rules, ship-by times on
// the demo orders, eight weeks of webhook flow per connection — and one cart that went silent six hours ago.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { alerts, connectionFlowHours, cutoffSettings, orders, webhookReceipts, type Connection } from "../schema";

const HOUR = 3_600_000;
const WEEKS = 8;
/** The demo's silent cart: no order for this long before the seed's `now`. */
export const SILENT_FOR_HOURS = 7;
/** Its orders an hour, around the clock: about 14 in the seven silent hours, whatever the time of day the demo starts. */
const SILENT_CART_RATE = 2;

export const DEMO_CUTOFFS = {
  timeZone: "America/Chicago",
  defaultCutoff: "14:00",
  methodCutoffs: { Overnight: "16:00" },
  weekdaysOff: [0, 6],
  holidays: ["2026-12-25", "2027-01-01"],
  leadMinutes: 120,
};

/**
 * Cutoff rules, and ship-by times on the orders of open order alerts, as their carts sent them (`shipBy` of
 * order.upserted): spread from two hours overdue to three days ahead of `now`, so the urgency order, the card and
 * the "misses ship-by in …" lines have something to show whenever the demo starts.
 */
export async function seedShipBy(tx: DbOrTx, warehouseId: number, now: Date) {
  await tx.insert(cutoffSettings).values({ warehouseId, ...DEMO_CUTOFFS, updatedAt: now });
  const open = await tx
    .select({ orderId: alerts.orderId })
    .from(alerts)
    .where(
      and(
        eq(alerts.state, "open"),
        inArray(alerts.kind, ["order_send_failed", "address_invalid", "ship_method_unmapped", "record_skipped"]),
      ),
    )
    .orderBy(alerts.id);
  const orderIds = [...new Set(open.map((a) => a.orderId).filter((id): id is number => id != null))];
  for (const [i, orderId] of orderIds.entries()) {
    const shipBy = new Date(now.getTime() + (i < 6 ? -2 * HOUR + i * 55 * 60_000 : ((i * 7) % 72) * HOUR));
    await tx.update(orders).set({ shipBy, shipBySource: "cart" }).where(eq(orders.id, orderId));
  }
  // Alerts copy their order's ship-by (lib/alerts/record-alert.ts); tracking and inventory alerts have none.
  await tx.run(
    sql`update alerts set ship_by = (select ship_by from orders where orders.id = alerts.order_id)
        where order_id is not null and kind not in ('tracking_push_failed', 'inventory_push_failed')`,
  );
}

/**
 * Eight weeks of hourly webhook flow for each connection (the silence watch's history, as the receipts' trigger
 * keeps it), a few recent receipts, and the silent cart: its flow stops SILENT_FOR_HOURS before `now`.
 */
export async function seedFlow(tx: DbOrTx, conns: Connection[], silentCartId: number, now: Date) {
  const nowHour = Math.floor(now.getTime() / HOUR);
  for (const c of conns) {
    const eventType = c.kind === "cart" ? "order.upserted" : "shipment.created";
    const rows: { connectionId: number; hour: number; eventType: string; n: number }[] = [];
    for (let hour = nowHour - WEEKS * 168; hour <= nowHour; hour++) {
      const n = demoFlowCount(c.kind, c.id === silentCartId, hour);
      if (n > 0) rows.push({ connectionId: c.id, hour, eventType, n });
    }
    const silentFrom = now.getTime() - SILENT_FOR_HOURS * HOUR;
    const kept = c.id === silentCartId ? rows.filter((r) => (r.hour + 1) * HOUR <= silentFrom) : rows.filter((r) => r.hour < nowHour);
    for (let i = 0; i < kept.length; i += 500) await tx.insert(connectionFlowHours).values(kept.slice(i, i + 500));
    // The last event itself, as a receipt (the watch reads when it arrived).
    const lastAt = c.id === silentCartId ? new Date(silentFrom) : new Date(now.getTime() - 20 * 60_000);
    await tx.insert(webhookReceipts).values({
      connectionId: c.id,
      webhookId: `msg_demo_last_${c.id}`,
      eventType,
      payload: { type: eventType, data: {} },
      status: "processed",
      receivedAt: lastAt,
      processedAt: lastAt,
    });
  }
  // The receipts' trigger counted those last events once more: take them back out of the history.
  await tx.run(sql`update connection_flow_hours set n = n - 1 where (connection_id, hour, event_type) in
    (select connection_id, received_at / 3600000, event_type from webhook_receipts where webhook_id like 'msg_demo_last_%')`);
  await tx.delete(connectionFlowHours).where(sql`${connectionFlowHours.n} <= 0`);
}

/** The demo's flow of a connection in a UTC hour (bench/silence.ts measures the rule on it). */
export function demoFlowCount(kind: "cart" | "wms", silentCart: boolean, hour: number): number {
  return silentCart ? SILENT_CART_RATE : businessHours(hour, kind === "cart" ? 4 : 3);
}

/** A shop busy in the (UTC) daytime on weekdays, quiet at night and at weekends. */
function businessHours(hour: number, perHour: number): number {
  const d = new Date(hour * HOUR);
  const weekday = d.getUTCDay();
  const h = d.getUTCHours();
  if (weekday === 0 || weekday === 6) return h >= 14 && h < 22 ? 1 : 0;
  return h >= 13 && h < 23 ? perHour : 0;
}
