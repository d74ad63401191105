// The flood after an outage, end to end: the real engine raises the alerts, the real job sends them with the
// real Resend SDK to a stand-in. One email per contact, grouped by cause, each line a deep link; a connection
// down is one email naming the records it holds; the hourly cap holds the rest for the next email.
import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { alertContacts, alertEvents, alerts, deliveries } from "@/db/schema";
import { jobContext } from "@/jobs/registry";
import { sendAlertEmailsJob } from "@/jobs/send-alert-emails";
import { runJobOnce } from "@/jobs/types";
import type { Outcome } from "@/lib/connectors/outcome";
import { processConnection } from "@/lib/retry/process-connection";
import { skipExpiredDeliveries } from "@/lib/retry/skip-delivery";
import { addContact } from "@/lib/testing/contacts";
import { startFakeResend, type FakeResend } from "@/lib/testing/fake-resend";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { makeWorld, scriptedSender } from "@/lib/testing/world";

const APP_URL = "https://fixline.test";
const T0 = new Date("2026-11-10T09:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const FAILING: Outcome = { kind: "transient", status: 503, code: null, message: "503 Service Unavailable", retryAfterMs: null };
const ADDRESS_INVALID: Outcome = { kind: "needs_person", status: 422, code: "address_invalid", message: "Invalid ShipTo.State 'TX.'" };

let database: TestDatabase;
let resend: FakeResend;
beforeEach(async () => {
  database = await createTestDatabase();
  resend = await startFakeResend();
  for (const [key, value] of Object.entries({ ...resend.env, APP_URL, AUTH_SECRET: "s" })) vi.stubEnv(key, value);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await resend.close();
  await database.cleanup();
});

const send = (now: Date) => runJobOnce(sendAlertEmailsJob, jobContext({ db: database.db, now, log: () => {} }));

async function floodWorld(orders: number) {
  const { db } = database;
  const world = await makeWorld(db, at(-30 * DAY));
  const before = at(-10 * DAY);
  const contacts = {
    now: await addContact(db, world.merchant.id, "now@merchant.example", "immediate", before),
    daily: await addContact(db, world.merchant.id, "daily@merchant.example", "daily", before),
    weekly: await addContact(db, world.warehouse.id, "weekly@warehouse.example", "weekly", before),
  };
  const made = [];
  for (let i = 0; i < orders; i++) made.push(await world.addOrder());
  return { ...world, contacts, orders: made };
}

describe("the flood after an outage", () => {
  it("a 200-record outage: the connection-down email names what it holds, and 200 skipped records are one email per contact", async () => {
    const world = await floodWorld(200);
    const { db } = database;
    // The WMS stops answering: five failures in a row and the connection is down; the rest wait.
    await processConnection(
      { db: db, now: T0, send: scriptedSender(() => FAILING).send, owner: "t" },
      { connectionId: world.wms.id, mode: "retry" },
    );
    await send(at(MIN));
    expect(resend.accepted.map((e) => [e.to, e.subject])).toEqual([["now@merchant.example", "Connection down: Test WMS (Test Merchant)"]]);
    expect(resend.accepted[0]!.text).toMatch(/Fixline holds 200 records for it: order #T1000, order #T1001, .* and 190 more\./);

    // Fifteen days on, every record's window has closed: the engine skips all 200.
    await db
      .update(deliveries)
      .set({ status: "retrying", attempts: 1, firstFailureAt: T0, giveUpAt: at(15 * DAY), lastError: "503 Service Unavailable" })
      .where(eq(deliveries.connectionId, world.wms.id));
    expect(await skipExpiredDeliveries(db, at(15 * DAY))).toBe(200);
    const before = resend.accepted.length;
    await send(at(15 * DAY + MIN));
    const flood = resend.accepted.slice(before);
    // It was 600 emails (200 per contact).
    expect(flood.map((e) => e.to).sort()).toEqual(["daily@merchant.example", "now@merchant.example", "weekly@warehouse.example"]);
    const email = flood.find((e) => e.to === "daily@merchant.example")!;
    expect(email.subject).toBe("200 orders need you");
    expect(email.text).toContain("Skipped: 200 records whose retry window closed");
    expect(email.text).toContain(`${APP_URL}/orders/${world.orders[0]!.order.id}`);
    expect(email.text).toContain("and 190 more in Fixline");
    expect(email.html).toContain(`${APP_URL}/alerts?kind=record_skipped`);
    // Every alert's history says who was told, once per contact.
    const skipped = await db.select({ id: alerts.id }).from(alerts).where(eq(alerts.kind, "record_skipped"));
    const emailed = await db
      .select()
      .from(alertEvents)
      .where(
        inArray(
          alertEvents.alertId,
          skipped.map((a) => a.id),
        ),
      );
    expect(emailed.filter((e) => e.type === "emailed")).toHaveLength(600);
    // And a rerun sends nothing.
    await send(at(15 * DAY + 2 * MIN));
    await send(at(15 * DAY + 30 * MIN));
    expect(resend.accepted).toHaveLength(before + 3);
  });

  it("a burst becomes one email; over the hourly cap waits for the next email and is never dropped", async () => {
    const world = await floodWorld(0);
    const { db } = database;
    await db
      .update(alertContacts)
      .set({ frequency: "off" })
      .where(inArray(alertContacts.email, ["daily@merchant.example", "weekly@warehouse.example"]));
    await db.update(alertContacts).set({ hourlyEmailCap: 2 }).where(eq(alertContacts.id, world.contacts.now.id));
    const refuse = scriptedSender(() => ADDRESS_INVALID).send;
    const raise = async (now: Date) => {
      const { order } = await world.addOrder();
      await processConnection({ db: db, now, send: refuse, owner: "t" }, { connectionId: world.wms.id, mode: "retry" });
      return order.orderNumber;
    };
    const subjects = () => resend.accepted.map((e) => e.subject);

    const a = await raise(at(0));
    await send(at(MIN));
    expect(subjects()).toEqual([`Action needed: address invalid on order ${a} (Test Merchant)`]);
    // Two more within minutes: they wait for the quiet after the first email, then go as one.
    const b = await raise(at(2 * MIN));
    const c = await raise(at(3 * MIN));
    await send(at(4 * MIN));
    expect(subjects()).toHaveLength(1);
    await send(at(6 * MIN));
    expect(subjects()).toEqual([expect.any(String), "2 orders need you"]);
    expect(resend.accepted[1]!.text).toContain(b);
    expect(resend.accepted[1]!.text).toContain(c);
    // The cap (2 an hour) is reached: the next one waits until the hour since the first email is over.
    const d = await raise(at(20 * MIN));
    await send(at(30 * MIN));
    await send(at(60 * MIN));
    expect(subjects()).toHaveLength(2);
    await send(at(61 * MIN + 1));
    expect(subjects()).toHaveLength(3);
    expect(resend.accepted[2]!.subject).toBe(`Action needed: address invalid on order ${d} (Test Merchant)`);
    const keys = resend.requests.map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
  });

  it("an email Resend did not take is sent again as it was planned, under its key, before anything new", async () => {
    const world = await floodWorld(0);
    const { db } = database;
    const refuse = scriptedSender(() => ADDRESS_INVALID).send;
    for (let i = 0; i < 3; i++) await world.addOrder();
    await processConnection({ db: db, now: at(0), send: refuse, owner: "t" }, { connectionId: world.wms.id, mode: "retry" });
    resend.failNext(500);
    await expect(send(at(MIN))).rejects.toThrow(/HTTP 500/);
    // Another order is refused before the retry: it does not change the planned email.
    await world.addOrder();
    await processConnection({ db: db, now: at(1.5 * MIN), send: refuse, owner: "t" }, { connectionId: world.wms.id, mode: "retry" });
    await send(at(2 * MIN));
    const first = resend.requests[0]!;
    expect(resend.requests[1]!.idempotencyKey).toBe(first.idempotencyKey);
    expect(resend.requests[1]!.body).toEqual(first.body);
    expect(resend.accepted.filter((e) => e.to === "now@merchant.example").map((e) => e.subject)).toEqual(["3 orders need you"]);
  });
});
