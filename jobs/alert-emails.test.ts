// The email jobs end to end below the browser: the real engine raises the alerts, the real jobs send them
// with the real Resend SDK, pointed at a local HTTP server standing in for Resend (RESEND_BASE_URL).
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accounts, alertContacts, alertEvents, alerts, emailOutbox } from "@/db/schema";
import { createTick } from "@/jobs/local-runner";
import { jobContext } from "@/jobs/registry";
import { sendAlertEmailsJob } from "@/jobs/send-alert-emails";
import { sendDigestsJob } from "@/jobs/send-digests";
import { runJobOnce, type JobDefinition } from "@/jobs/types";
import type { Outcome } from "@/lib/connectors/outcome";
import { QUIET_AFTER_EMAIL_MS } from "@/lib/notify/plan-alert-emails";
import { unsubscribeContact } from "@/lib/notify/unsubscribe-contact";
import { tokenContactId } from "@/lib/notify/unsubscribe-token";
import { processConnection } from "@/lib/retry/process-connection";
import { getAlert } from "@/lib/alerts/get-alert";
import { getOrder } from "@/lib/orders/get-order";
import { updateAlertContact } from "@/lib/settings/update-alert-contact";
import { addContact } from "@/lib/testing/contacts";
import { addUser } from "@/lib/testing/users";
import { startFakeResend, type AcceptedEmail, type FakeResend } from "@/lib/testing/fake-resend";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { makeWorld, scriptedSender } from "@/lib/testing/world";

const APP_URL = "https://fixline.test";
const SECRET = "test-secret";
const NOW = new Date("2026-11-30T07:10:00Z"); // a Monday
const DAY = 86_400_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);
const ADDRESS_INVALID: Outcome = {
  kind: "needs_person",
  status: 422,
  code: "address_invalid",
  message: "Invalid ShipTo.State 'TX.': not a recognized US state or territory code.",
};
const FAILING: Outcome = { kind: "transient", status: 503, code: null, message: "503 Service Unavailable", retryAfterMs: null };

let database: TestDatabase;
let resend: FakeResend;
beforeEach(async () => {
  database = await createTestDatabase();
  resend = await startFakeResend();
  for (const [key, value] of Object.entries({ ...resend.env, APP_URL, AUTH_SECRET: SECRET })) vi.stubEnv(key, value);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await resend.close();
  await database.cleanup();
});

const run = (job: JobDefinition, now: Date) => runJobOnce(job, jobContext({ db: database.db, now, log: () => {} }));

/** A warehouse serving two merchants, contacts on each with every frequency, and one stranger elsewhere. */
async function emailWorld() {
  const { db } = database;
  const world = await makeWorld(db, later(-30 * DAY));
  const [other] = await db
    .insert(accounts)
    .values({ kind: "merchant", name: "Other Merchant", warehouseId: world.warehouse.id, createdAt: NOW })
    .returning();
  const [stranger] = await db.insert(accounts).values({ kind: "warehouse", name: "Stranger 3PL", createdAt: NOW }).returning();
  const before = later(-10 * DAY);
  const contacts = {
    immediate: await addContact(db, world.merchant.id, "now@merchant.example", "immediate", before),
    hourly: await addContact(db, world.merchant.id, "hourly@merchant.example", "hourly", before),
    daily: await addContact(db, world.merchant.id, "daily@merchant.example", "daily", before),
    off: await addContact(db, world.merchant.id, "off@merchant.example", "off", before),
    warehouseWeekly: await addContact(db, world.warehouse.id, "weekly@warehouse.example", "weekly", before),
    otherDaily: await addContact(db, other!.id, "daily@other.example", "daily", before),
    stranger: await addContact(db, stranger!.id, "ops@stranger.example", "immediate", before),
  };
  return { ...world, other: other!, contacts };
}

/** One order refused by the WMS for its address (docs/rules.md#r3), through the real engine. */
async function raiseAddressInvalid(world: Awaited<ReturnType<typeof emailWorld>>, now = NOW) {
  const { order } = await world.addOrder({ postalCode: "7870" });
  await processConnection(
    { db: database.db, now, send: scriptedSender(() => ADDRESS_INVALID).send, owner: "test" },
    { connectionId: world.wms.id, mode: "sync" },
  );
  const [alert] = await database.db.select().from(alerts).where(eq(alerts.orderId, order.id));
  return { order, alert: alert! };
}

const recipients = (emails: AcceptedEmail[]) => emails.map((e) => String(e.to)).sort();

describe("send-alert-emails", () => {
  it("sends one Action needed email per contact of the merchant and its warehouse that is not off, with a link to the order-fix page", async () => {
    const world = await emailWorld();
    const { order, alert } = await raiseAddressInvalid(world);
    expect(alert).toMatchObject({ kind: "address_invalid", needsPerson: true });

    await run(sendAlertEmailsJob, later(60_000));

    expect(recipients(resend.accepted)).toEqual([
      "daily@merchant.example",
      "hourly@merchant.example",
      "now@merchant.example",
      "weekly@warehouse.example",
    ]);
    const email = resend.accepted.find((e) => e.to === "daily@merchant.example")!;
    expect(email.subject).toBe(`Action needed: address invalid on order ${order.orderNumber} (Test Merchant)`);
    const fixLink = `${APP_URL}/orders/${order.id}`;
    expect(email.html).toContain(`href="${fixLink}"`);
    expect(email.html).toContain("Invalid ShipTo.State &#x27;TX.&#x27;: not a recognized US state or territory code.");
    expect(email.text).toContain(fixLink);
    expect(email.text).toContain(ADDRESS_INVALID.message);
    // One-click unsubscribe (RFC 8058), signed for this contact, and the same link in the footer.
    expect(email.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const token = /token=([^>&]+)>$/.exec(email.headers?.["List-Unsubscribe"] ?? "")?.[1];
    expect(email.headers?.["List-Unsubscribe"]).toMatch(new RegExp(`^<${APP_URL}/api/unsubscribe\\?token=`));
    expect(tokenContactId(decodeURIComponent(token!))).toBe(world.contacts.daily.id);
    expect(email.html).toContain(`${APP_URL}/unsubscribe?token=${token}`);
    // Keyed by alert, kind and contact.
    expect(resend.requests.map((r) => r.idempotencyKey).sort()).toEqual(
      [world.contacts.immediate, world.contacts.hourly, world.contacts.daily, world.contacts.warehouseWeekly]
        .map((c) => `alert:${alert.id}:action_needed:contact:${c.id}`)
        .sort(),
    );
    const history = await database.db.select().from(alertEvents).where(eq(alertEvents.alertId, alert.id));
    expect(history.filter((e) => e.type === "emailed").map((e) => e.detail)).toContain(
      "Emailed to daily@merchant.example (action needed: address invalid).",
    );

    // The next minute's run, and a repeat of this one, send nothing.
    await run(sendAlertEmailsJob, later(120_000));
    await run(sendAlertEmailsJob, later(60_000));
    expect(resend.requests).toHaveLength(4);
  });

  it("the order's history shows a merchant user its own contacts' addresses and only a count of the warehouse's", async () => {
    const world = await emailWorld();
    const { order, alert } = await raiseAddressInvalid(world);
    await run(sendAlertEmailsJob, later(60_000));
    const emailedIn = (history: { type: string; detail: string | null }[]) =>
      history.filter((e) => e.type === "emailed").map((e) => e.detail);
    const merchantUser = await addUser(database.db, world.merchant.id, "Sam");
    const warehouseUser = await addUser(database.db, world.warehouse.id, "Maya");
    const why = "(action needed: address invalid).";
    for (const history of [
      (await getOrder(database.db, merchantUser.scope, order.id)).history,
      (await getAlert(database.db, merchantUser.scope, alert.id)).history,
    ]) {
      const lines = emailedIn(history);
      expect(lines).toEqual([
        expect.stringMatching(/^Emailed to \S+@merchant\.example, \S+@merchant\.example, \S+@merchant\.example and 1 warehouse contact /),
      ]);
      expect(lines[0]).toContain(why);
      expect(lines.join(" ")).not.toContain("weekly@warehouse.example");
    }
    // The warehouse sees every contact, as it was recorded.
    expect(emailedIn((await getOrder(database.db, warehouseUser.scope, order.id)).history)).toHaveLength(4);
    expect(emailedIn((await getOrder(database.db, warehouseUser.scope, order.id)).history)).toContain(
      `Emailed to weekly@warehouse.example ${why}`,
    );
  });

  it("a 500 then a 200 from Resend ends in exactly one email: the runner retries, the key stays the same", async () => {
    const world = await emailWorld();
    await database.db.update(alertContacts).set({ frequency: "off" }).where(eq(alertContacts.accountId, world.merchant.id));
    await database.db.update(alertContacts).set({ frequency: "off" }).where(eq(alertContacts.accountId, world.warehouse.id));
    await database.db.update(alertContacts).set({ frequency: "immediate" }).where(eq(alertContacts.id, world.contacts.daily.id));
    await raiseAddressInvalid(world);
    resend.failNext(500);
    const delays: number[] = [];
    const tick = createTick(sendAlertEmailsJob, {
      context: (now) => jobContext({ db: database.db, now, log: () => {} }),
      log: () => {},
      sleep: async (ms) => void delays.push(ms),
    });

    const result = await tick(later(60_000));

    expect(result).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(delays).toEqual([1_000]);
    expect(resend.requests.map((r) => r.path)).toEqual(["/emails", "/emails"]);
    expect(new Set(resend.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(recipients(resend.accepted)).toEqual(["daily@merchant.example"]);
    const rows = await database.db.select().from(emailOutbox);
    expect(rows).toEqual([expect.objectContaining({ status: "sent", providerId: "em_1", to: "daily@merchant.example" })]);
  });

  it("a 429 asking for more than a minute stops the run, and the runner retries it no sooner than Retry-After", async () => {
    const world = await emailWorld();
    await raiseAddressInvalid(world);
    resend.failNext(429, { "retry-after": "120" });
    await expect(run(sendAlertEmailsJob, later(60_000))).rejects.toThrow(/HTTP 429/);
    expect(resend.accepted).toHaveLength(0);
    resend.failNext(429, { "retry-after": "90" });
    const delays: number[] = [];
    const tick = createTick(sendAlertEmailsJob, {
      context: (now) => jobContext({ db: database.db, now, log: () => {} }),
      log: () => {},
      sleep: async (ms) => void delays.push(ms),
    });
    expect(await tick(later(120_000))).toMatchObject({ status: "succeeded", attempts: 2 });
    // It was 1 s (the runner's backoff) before.
    expect(delays).toEqual([90_000]);
    expect(resend.accepted).toHaveLength(4);
  });

  it("frequency off and an unsubscribe stop the emails", async () => {
    const world = await emailWorld();
    const footerLink = async () => {
      await raiseAddressInvalid(world);
      await run(sendAlertEmailsJob, later(60_000));
      return resend.accepted.find((e) => e.to === "now@merchant.example")!.headers!["List-Unsubscribe"]!;
    };
    const token = decodeURIComponent(/token=([^>]+)>/.exec(await footerLink())![1]!);
    expect(recipients(resend.accepted)).not.toContain("off@merchant.example");

    const done = await unsubscribeContact(database.db, token, SECRET, later(90_000));
    expect(done).toMatchObject({ email: "now@merchant.example", frequency: "off" });

    const sentBefore = resend.accepted.length;
    await raiseAddressInvalid(world, later(100_000));
    // After the few minutes' quiet that follows an email to the same contacts.
    await run(sendAlertEmailsJob, later(60_000 + QUIET_AFTER_EMAIL_MS));
    const after = resend.accepted.slice(sentBefore);
    expect(recipients(after)).toEqual(["daily@merchant.example", "hourly@merchant.example", "weekly@warehouse.example"]);
    // Nor does a digest go to them.
    await run(sendDigestsJob, new Date("2026-11-30T08:00:00Z"));
    expect(resend.accepted.map((e) => e.to)).not.toContain("off@merchant.example");
    expect(resend.accepted.slice(sentBefore).map((e) => e.to)).not.toContain("now@merchant.example");
  });

  it("a contact added after the alert is not emailed about it (the digest tells it)", async () => {
    const world = await emailWorld();
    await raiseAddressInvalid(world);
    await addContact(database.db, world.merchant.id, "new@merchant.example", "immediate", later(30_000));
    await run(sendAlertEmailsJob, later(60_000));
    expect(recipients(resend.accepted)).not.toContain("new@merchant.example");
  });

  it("announces a skipped record, a record 48 h from being skipped, and an outage and its end", async () => {
    const world = await emailWorld();
    const { db } = database;
    // Two failing orders: one first fails now (window closes in 15 days), one whose window is about to close.
    await world.addOrder();
    const wms = scriptedSender(() => FAILING);
    await processConnection(
      { db, now: later(-13 * DAY - 60_000), send: wms.send, owner: "t" },
      { connectionId: world.wms.id, mode: "retry" },
    );
    await run(sendAlertEmailsJob, later(60_000));
    expect(resend.accepted.map((e) => e.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Skipped in 48 h unless it gets through: Order #T1000/)]),
    );
    expect(recipients(resend.accepted)).toEqual([
      "daily@merchant.example",
      "hourly@merchant.example",
      "now@merchant.example",
      "weekly@warehouse.example",
    ]);

    // Two days on it is skipped: the same alert, a new email.
    const sent = resend.accepted.length;
    await processConnection({ db, now: later(2 * DAY), send: wms.send, owner: "t" }, { connectionId: world.wms.id, mode: "retry" });
    await run(sendAlertEmailsJob, later(2 * DAY + 60_000));
    const skipped = resend.accepted.slice(sent);
    // The engine tried it once, 15 days ago: the email says so (it said "after every retry").
    expect(skipped.map((e) => e.subject)).toEqual(Array(4).fill("Skipped after one try: Order #T1000 (Test Merchant)"));
    expect(skipped[0]!.text).toContain(
      "Fixline tried it once, on 17 Nov 2026, 07:09 UTC, and its retry window closed on 2 Dec 2026, 07:09 UTC before another try",
    );
    expect(skipped[0]!.html).toContain(`${APP_URL}/orders/`);

    // An outage: immediate contacts are told it is down, and then that it is back.
    const outageStart = later(3 * DAY);
    for (let i = 0; i < 5; i++) await world.addOrder();
    await processConnection({ db, now: outageStart, send: wms.send, owner: "t" }, { connectionId: world.wms.id, mode: "sync" });
    await run(sendAlertEmailsJob, new Date(outageStart.getTime() + 60_000));
    const down = resend.accepted.filter((e) => e.subject.startsWith("Connection down"));
    expect(recipients(down)).toEqual(["now@merchant.example"]);
    await processConnection(
      {
        db,
        now: new Date(outageStart.getTime() + 3_600_000),
        send: scriptedSender(() => ({ kind: "success", status: 200 })).send,
        owner: "t",
      },
      { connectionId: world.wms.id, mode: "retry", sleep: async () => {} },
    );
    await run(sendAlertEmailsJob, new Date(outageStart.getTime() + 3_660_000));
    const up = resend.accepted.filter((e) => e.subject.startsWith("Back up"));
    expect(recipients(up)).toEqual(["now@merchant.example"]);
    expect(up[0]!.text).toContain("It was down for 1 h");
  });
});

describe("send-digests", () => {
  /** Alerts retrying has not resolved: two order failures of the merchant, an inventory failure of the other. */
  async function digestWorld() {
    const world = await emailWorld();
    const { db } = database;
    const failing = scriptedSender(() => FAILING).send;
    await world.addOrder();
    await processConnection({ db, now: later(-3 * DAY), send: failing, owner: "t" }, { connectionId: world.wms.id, mode: "retry" });
    await world.addOrder();
    await processConnection({ db, now: later(-30 * 60_000), send: failing, owner: "t" }, { connectionId: world.wms.id, mode: "retry" });
    await db.insert(alerts).values({
      accountId: world.other.id,
      kind: "inventory_push_failed",
      needsPerson: false,
      message: "404 Not Found: variant 44120558 no longer exists",
      productCode: "OT-SKU-9",
      firstSeenAt: later(-2 * 3_600_000),
      lastSeenAt: later(-2 * 3_600_000),
      dedupeKey: "test:other:inventory",
    });
    // Every contact had its last digest in the previous period.
    await db.update(alertContacts).set({ lastDigestAt: new Date("2026-11-29T08:00:00Z") });
    return world;
  }
  const MONDAY_8 = new Date("2026-11-30T08:00:00Z");

  it("sends each contact due this hour its digest of the right alerts, through the batch API, and nothing twice", async () => {
    await digestWorld();
    await run(sendDigestsJob, MONDAY_8);

    expect(resend.requests.map((r) => r.path)).toEqual(["/emails/batch"]);
    // Hourly and immediate (hourly digests), daily and weekly are all due on Monday 08:00; off and the stranger are not.
    expect(recipients(resend.accepted)).toEqual([
      "daily@merchant.example",
      "daily@other.example",
      "hourly@merchant.example",
      "now@merchant.example",
      "weekly@warehouse.example",
    ]);
    const to = (address: string) => resend.accepted.find((e) => e.to === address)!;
    // The merchant's contacts see the merchant's alerts only; the warehouse sees both merchants.
    expect(to("daily@merchant.example").text).toContain("#T1000");
    expect(to("daily@merchant.example").text).not.toContain("OT-SKU-9");
    expect(to("daily@other.example").text).toContain("OT-SKU-9");
    expect(to("daily@other.example").text).not.toContain("#T1000");
    expect(to("weekly@warehouse.example").text).toContain("OT-SKU-9");
    expect(to("weekly@warehouse.example").text).toContain("#T1001");
    // New since the last digest (yesterday 08:00) vs still open.
    expect(to("daily@merchant.example").subject).toBe("Daily digest: 1 new alert, 1 still open");
    expect(to("weekly@warehouse.example").subject).toBe("Weekly digest: 2 new alerts, 1 still open");
    expect(to("daily@merchant.example").html).toContain(`${APP_URL}/alerts/`);
    expect(to("daily@merchant.example").text).toContain("Your next daily digest comes on 1 Dec 2026, 08:00 UTC.");
    expect(to("hourly@merchant.example").text).toContain("Your next hourly digest comes at 30 Nov 2026, 09:00 UTC");
    const keys = resend.requests[0]!.body as { to: string }[];
    expect(keys).toHaveLength(5);

    // Run again for the same period (a retried or doubled run): nothing more.
    await run(sendDigestsJob, MONDAY_8);
    await run(sendDigestsJob, new Date("2026-11-30T08:20:00Z"));
    expect(resend.requests).toHaveLength(1);
    expect(resend.accepted).toHaveLength(5);
  });

  it("at 09:00 only hourly digests are due, and only with something new", async () => {
    const world = await digestWorld();
    await run(sendDigestsJob, MONDAY_8);
    const sent = resend.accepted.length;

    await run(sendDigestsJob, new Date("2026-11-30T09:00:00Z"));
    expect(resend.accepted).toHaveLength(sent);

    await world.addOrder();
    await processConnection(
      { db: database.db, now: new Date("2026-11-30T09:30:00Z"), send: scriptedSender(() => FAILING).send, owner: "t" },
      { connectionId: world.wms.id, mode: "retry" },
    );
    await run(sendDigestsJob, new Date("2026-11-30T10:00:00Z"));
    const hourly = resend.accepted.slice(sent);
    // The new alert is the WMS going down (five failures in a row): the immediate contact hears of that at once.
    expect(recipients(hourly)).toEqual(["hourly@merchant.example"]);
    expect(hourly[0]!.subject).toBe("Hourly digest: 1 new alert, 2 still open");
  });

  it("a digest batch that fails is sent once by the retry", async () => {
    await digestWorld();
    resend.failNext(503);
    await expect(run(sendDigestsJob, MONDAY_8)).rejects.toThrow(/HTTP 503/);
    await run(sendDigestsJob, MONDAY_8);
    expect(resend.requests.map((r) => r.path)).toEqual(["/emails/batch", "/emails/batch"]);
    expect(resend.requests[0]!.idempotencyKey).toBe(resend.requests[1]!.idempotencyKey);
    expect(resend.accepted).toHaveLength(5);
  });
});

describe("no repeats", () => {
  it("an immediate contact's hourly digest leaves out what it was emailed at once, and is not sent when that is all", async () => {
    const world = await emailWorld();
    await database.db.update(alertContacts).set({ lastDigestAt: new Date("2026-11-30T07:00:00Z") });
    const { order } = await raiseAddressInvalid(world);
    await run(sendAlertEmailsJob, later(60_000));
    const toldAtOnce = resend.accepted.length;
    await run(sendDigestsJob, new Date("2026-11-30T08:00:00Z"));
    const digests = resend.accepted.slice(toldAtOnce);
    expect(recipients(digests)).not.toContain("now@merchant.example");
    expect(recipients(digests)).toContain("hourly@merchant.example");

    // A failure retrying may heal is the immediate contact's to read in its next hourly digest, alone.
    await world.addOrder();
    await processConnection(
      { db: database.db, now: new Date("2026-11-30T08:30:00Z"), send: scriptedSender(() => FAILING).send, owner: "t" },
      { connectionId: world.wms.id, mode: "retry" },
    );
    const before = resend.accepted.length;
    await run(sendDigestsJob, new Date("2026-11-30T09:00:00Z"));
    const digest = resend.accepted.slice(before).find((e) => e.to === "now@merchant.example")!;
    expect(digest.subject).toBe("Hourly digest: 1 new alert, 0 still open");
    expect(digest.text).not.toContain(order.orderNumber);
  });

  it("a digest run that starts late leaves what came in after its time for the next digest, which tells it as new once", async () => {
    const world = await emailWorld();
    await database.db.update(alertContacts).set({ lastDigestAt: new Date("2026-11-30T08:00:00Z") });
    const { order } = await world.addOrder();
    // The 09:00 run starts at 09:15; the order failed at 09:10.
    await processConnection(
      { db: database.db, now: new Date("2026-11-30T09:10:00Z"), send: scriptedSender(() => FAILING).send, owner: "t" },
      { connectionId: world.wms.id, mode: "retry" },
    );
    await run(sendDigestsJob, new Date("2026-11-30T09:00:00Z"));
    expect(resend.accepted.filter((e) => e.to === "hourly@merchant.example")).toEqual([]);
    await run(sendDigestsJob, new Date("2026-11-30T10:00:00Z"));
    const hourly = resend.accepted.filter((e) => e.to === "hourly@merchant.example");
    expect(hourly.map((e) => e.subject)).toEqual(["Hourly digest: 1 new alert, 0 still open"]);
    expect(hourly[0]!.text).toContain(order.orderNumber);
  });

  it("a contact switched off and back on is not emailed what was raised while it was off", async () => {
    const world = await emailWorld();
    const { scope } = await addUser(database.db, world.merchant.id, "Sam", "admin");
    const daily = world.contacts.daily;
    const set = (frequency: "off" | "daily", at: Date) =>
      updateAlertContact(database.db, scope, { id: daily.id, name: null, email: daily.email, frequency }, at);
    await set("off", later(-60_000));
    await raiseAddressInvalid(world);
    await set("daily", later(30_000));
    await run(sendAlertEmailsJob, later(60_000));
    expect(recipients(resend.accepted)).not.toContain("daily@merchant.example");
    expect(recipients(resend.accepted)).toContain("hourly@merchant.example");
    // What is raised after it is back on reaches it.
    await raiseAddressInvalid(world, later(90_000));
    await run(sendAlertEmailsJob, later(120_000));
    expect(resend.accepted.filter((e) => e.to === "daily@merchant.example")).toHaveLength(1);
  });
});

describe("a contact's own choices", () => {
  it("a daily digest at the contact's hour in its zone, its times in that zone; kinds it does not receive are left out", async () => {
    const world = await emailWorld();
    const { db } = database;
    await db.update(alertContacts).set({ lastDigestAt: new Date("2026-11-29T08:00:00Z") });
    // Customer service in Berlin hears of address problems only, at 07:00 its time (06:00 UTC in winter).
    await db
      .update(alertContacts)
      .set({ timeZone: "Europe/Berlin", digestHour: 7, alertTopics: ["address"] })
      .where(eq(alertContacts.id, world.contacts.daily.id));
    await world.addOrder();
    await processConnection(
      { db: db, now: later(-3 * 3_600_000), send: scriptedSender(() => FAILING).send, owner: "t" },
      { connectionId: world.wms.id, mode: "retry" },
    );
    const { order } = await raiseAddressInvalid(world, new Date("2026-11-30T05:00:00Z"));
    await run(sendAlertEmailsJob, new Date("2026-11-30T05:01:00Z"));
    expect(resend.accepted.filter((e) => e.to === "daily@merchant.example").map((e) => e.subject)).toEqual([
      `Action needed: address invalid on order ${order.orderNumber} (Test Merchant)`,
    ]);
    expect(resend.accepted.find((e) => e.to === "daily@merchant.example")!.text).toContain("30 Nov 2026, 06:00 CET");

    await run(sendDigestsJob, new Date("2026-11-30T05:00:00Z"));
    expect(resend.accepted.filter((e) => e.to === "daily@merchant.example")).toHaveLength(1);
    await run(sendDigestsJob, new Date("2026-11-30T06:00:00Z"));
    const digest = resend.accepted.filter((e) => e.to === "daily@merchant.example")[1]!;
    expect(digest.subject).toBe("Daily digest: 1 new alert, 0 still open");
    expect(digest.text).toContain(order.orderNumber);
    expect(digest.text).not.toContain("#T1000");
    expect(digest.text).toContain("Your next daily digest comes on 1 Dec 2026, 07:00 CET.");
    // The others keep 08:00 UTC.
    expect(resend.accepted.filter((e) => e.to === "weekly@warehouse.example" && e.subject.startsWith("Weekly"))).toHaveLength(0);
  });
});
