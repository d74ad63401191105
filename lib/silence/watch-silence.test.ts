// docs/silence.md: the watch on the demo data (one cart silent for 7 h) and on a WMS that stops sending shipments.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertEvents, alerts, connectionFlowHours, connections, deliveries, webhookReceipts } from "@/db/schema";
import { seedDemoData } from "@/db/seed/seed-demo";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { watchSilence } from "./watch-silence";

const NOW = new Date("2026-11-25T19:07:00Z");
const HOUR = 3_600_000;
const MIN = 60_000;
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

const silentAlerts = () => database.db.select().from(alerts).where(eq(alerts.kind, "connection_silent"));

describe("docs/silence.md: the silence watch", () => {
  it("the demo's silent cart: one alert with the usual count, kept as one while it lasts, resolved when an order arrives", async () => {
    await seedDemoData(database.db, NOW);
    await watchSilence({ db: database.db, now: NOW });
    const [alert, ...others] = await silentAlerts();
    expect(others).toEqual([]);
    expect(alert!.message).toMatch(/^No orders from alderandoak\.myshopify\.com for 7 h; by now there are usually about 14\. /);
    expect(alert!.message).toContain("Last order received 25 Nov 2026, 12:07 UTC.");
    expect(alert!.message).toContain("No webhook of any kind has arrived from it since.");

    await watchSilence({ db: database.db, now: new Date(NOW.getTime() + 5 * MIN) });
    expect(await silentAlerts()).toHaveLength(1);
    expect((await silentAlerts())[0]!.message).toMatch(/for 7 h 5 min; by now there are usually about 14\./);

    await database.db.insert(webhookReceipts).values({
      connectionId: alert!.connectionId!,
      webhookId: "msg_back",
      eventType: "order.upserted",
      payload: {},
      receivedAt: new Date(NOW.getTime() + 8 * MIN),
    });
    await watchSilence({ db: database.db, now: new Date(NOW.getTime() + 10 * MIN) });
    const [resolved] = await silentAlerts();
    expect(resolved).toMatchObject({ state: "resolved" });
    const history = await database.db.select().from(alertEvents).where(eq(alertEvents.alertId, alert!.id));
    expect(history.map((e) => [e.type, e.detail])).toEqual([
      ["raised", "Raised by the silence watch."],
      ["resolved", "Orders arrive again: the first at 25 Nov 2026, 19:15 UTC."],
    ]);
  });

  it("a WMS that stops sending shipments while orders keep reaching it is silent; one that gets no orders is idle", async () => {
    const { db } = database;
    const w = await makeWorld(db, new Date(NOW.getTime() - 70 * 24 * HOUR));
    const nowHour = Math.floor(NOW.getTime() / HOUR);
    const rows = [];
    for (let hour = nowHour - 9 * 168; hour < nowHour - 10; hour++)
      rows.push({ connectionId: w.wms.id, hour, eventType: "shipment.created", n: 3 });
    for (let i = 0; i < rows.length; i += 500) await db.insert(connectionFlowHours).values(rows.slice(i, i + 500));
    await db.insert(webhookReceipts).values({
      connectionId: w.wms.id,
      webhookId: "last",
      eventType: "shipment.created",
      payload: {},
      receivedAt: new Date((nowHour - 10) * HOUR),
    });
    expect((await watchSilence({ db, now: NOW })).find((r) => r.connectionId === w.wms.id)).toMatchObject({ silent: false, raised: false });

    for (let i = 0; i < 4; i++) {
      const { delivery } = await w.addOrder();
      await db
        .update(deliveries)
        .set({ status: "succeeded", lastAttemptAt: new Date(NOW.getTime() - (i + 1) * HOUR) })
        .where(eq(deliveries.id, delivery.id));
    }
    await watchSilence({ db, now: NOW });
    const [alert] = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, "connection_silent"), eq(alerts.connectionId, w.wms.id)));
    expect(alert!.message).toMatch(
      /^No shipments from Test WMS for 10 h 7 min while 4 orders reached it; by now there are usually about 30\./,
    );

    // Switched off in its settings: resolved, and not raised again.
    await db.update(connections).set({ silenceSensitivity: "off" }).where(eq(connections.id, w.wms.id));
    await watchSilence({ db, now: new Date(NOW.getTime() + 5 * MIN) });
    expect((await db.select().from(alerts).where(eq(alerts.id, alert!.id)))[0]).toMatchObject({ state: "resolved" });
  });
});
