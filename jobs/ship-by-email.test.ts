// docs/ship-by.md#lead-time: an order alert within the lead time of its ship-by is emailed at once to immediate
// contacts, even though it would otherwise wait for a digest — once. Through the real engine, job and Resend SDK.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { alerts, cutoffSettings, orders } from "@/db/schema";
import { jobContext } from "@/jobs/registry";
import { sendAlertEmailsJob } from "@/jobs/send-alert-emails";
import { runJobOnce } from "@/jobs/types";
import { processConnection } from "@/lib/retry/process-connection";
import { addContact } from "@/lib/testing/contacts";
import { startFakeResend, type FakeResend } from "@/lib/testing/fake-resend";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { DOWN, makeWorld, scriptedSender } from "@/lib/testing/world";

const NOW = new Date("2026-11-30T17:00:00Z"); // Monday 11:00 in Chicago
const MIN = 60_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

let database: TestDatabase;
let resend: FakeResend;
beforeEach(async () => {
  database = await createTestDatabase();
  resend = await startFakeResend();
  for (const [key, value] of Object.entries({ ...resend.env, APP_URL: "https://fixline.test", AUTH_SECRET: "s" })) vi.stubEnv(key, value);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await resend.close();
  await database.cleanup();
});

const run = (now: Date) => runJobOnce(sendAlertEmailsJob, jobContext({ db: database.db, now, log: () => {} }));

async function world() {
  const { db } = database;
  const w = await makeWorld(db, later(-30 * 24 * 60 * MIN));
  await db.insert(cutoffSettings).values({ warehouseId: w.warehouse.id, timeZone: "America/Chicago", leadMinutes: 120, updatedAt: NOW });
  const before = later(-24 * 60 * MIN);
  const contacts = {
    immediate: await addContact(db, w.merchant.id, "now@merchant.example", "immediate", before),
    daily: await addContact(db, w.merchant.id, "daily@merchant.example", "daily", before),
  };
  return { ...w, contacts };
}

/** An order with this ship-by that the WMS keeps answering 503 to: an order_send_failed alert retried hourly. */
async function failingOrder(w: Awaited<ReturnType<typeof world>>, shipBy: Date) {
  const { order } = await w.addOrder();
  await database.db.update(orders).set({ shipBy, shipBySource: "cutoff" }).where(eq(orders.id, order.id));
  await processConnection(
    { db: database.db, now: NOW, send: scriptedSender(() => DOWN).send, owner: "test" },
    { connectionId: w.wms.id, mode: "sync" },
  );
  const [alert] = await database.db.select().from(alerts).where(eq(alerts.orderId, order.id));
  return { order, alert: alert! };
}

describe("docs/ship-by.md#lead-time: ship-by soon is told at once to immediate contacts, once", () => {
  it("an order due out in 1 h 50 min: one email to the immediate contact, none to the daily one, none on later runs", async () => {
    const w = await world();
    const { alert, order } = await failingOrder(w, later(110 * MIN));
    expect(alert).toMatchObject({ kind: "order_send_failed", needsPerson: false, shipBy: later(110 * MIN) });

    await run(later(MIN));
    expect(resend.accepted.map((e) => e.to)).toEqual(["now@merchant.example"]);
    const email = resend.accepted[0]!;
    expect(email.subject).toBe(`Misses its ship-by in 1 h 49 min unless fixed: Order ${order.orderNumber} (Test Merchant)`);
    expect(email.text).toContain("Fixline is retrying hourly");
    // In the contact's zone (UTC by default), like every time in its emails.
    expect(email.text).toContain("but the order is due out at 30 Nov 2026, 18:50 UTC");
    expect(resend.requests.map((r) => r.idempotencyKey)).toEqual([`alert:${alert.id}:ship_by_soon:contact:${w.contacts.immediate.id}`]);

    await run(later(10 * MIN));
    await run(later(60 * MIN));
    expect(resend.requests).toHaveLength(1);
  });

  it("an order due out tomorrow waits for the digest like any retried failure, until its lead time starts", async () => {
    const w = await world();
    await failingOrder(w, later(26 * 60 * MIN));
    await run(later(MIN));
    expect(resend.requests).toHaveLength(0);
    // 2 h before its ship-by (a still-failing alert, retried hourly): now it is due.
    await run(later(24 * 60 * MIN + MIN));
    expect(resend.accepted.map((e) => e.to)).toEqual(["now@merchant.example"]);
  });
});
