import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, alertContacts, alerts, emailOutbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { batchKey } from "./deliver-email";
import { EmailSendError, type EmailTransport, type OutgoingEmail } from "./email-transport";
import type { AlertEmail, DigestEmail } from "./email-models";
import type { EmailDeps } from "./send-alert-emails";
import { digestKey, sendDigests } from "./send-digests";

const NOW = new Date("2026-11-26T08:00:00Z");
const HOUR = 3_600_000;
const YESTERDAY_8 = new Date("2026-11-25T08:00:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

/** Renders a digest as its line titles, so a test reads what each contact was told. */
const rendered: string[] = [];
async function render(email: AlertEmail) {
  const digest = email as DigestEmail & AlertEmail;
  rendered.push(email.footer.recipientEmail);
  const titles = digest.groups.flatMap((g) => g.lines.map((l) => `${l.title}${l.isNew ? " NEW" : ""}`));
  return {
    subject: `${digest.newCount} new, ${digest.stillOpenCount} open`,
    html: `<p>${titles.join("</p><p>")}</p>`,
    text: titles.join("\n"),
  };
}

type Batch = { emails: OutgoingEmail[]; key: string };
/** A Resend-like transport; `gate(n)` may hold or fail the n-th batch (1-based). */
function transport(gate: (n: number) => Promise<void> = async () => {}) {
  const batches: Batch[] = [];
  let calls = 0;
  const t: EmailTransport & { batches: Batch[] } = {
    name: "resend",
    batches,
    send: async () => ({ providerId: "re_1" }),
    async sendBatch(emails, key) {
      const n = ++calls;
      await gate(n);
      batches.push({ emails, key });
      return emails.map((e) => ({ providerId: `re_${e.idempotencyKey}` }));
    },
  };
  return t;
}

const deps = (t: EmailTransport, now = NOW): EmailDeps => ({ now, transport: t, render, appUrl: "https://fixline.test", secret: "s" });

/** A warehouse serving `n` merchants, each with one daily contact and three open alerts (one new since yesterday). */
async function world(n: number) {
  const { db } = database;
  const created = new Date(NOW.getTime() - 30 * 24 * HOUR);
  const [warehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "3PL", createdAt: created }).returning();
  const merchants = await db
    .insert(accounts)
    .values(
      Array.from({ length: n }, (_, i) => ({ kind: "merchant" as const, name: `M${i}`, warehouseId: warehouse!.id, createdAt: created })),
    )
    .returning();
  await db.insert(alertContacts).values(
    merchants.map((m, i) => ({
      accountId: m.id,
      email: `c${i}@m.example`,
      frequency: "daily" as const,
      lastDigestAt: YESTERDAY_8,
      createdAt: created,
      updatedAt: created,
    })),
  );
  const rows = merchants.flatMap((m, i) =>
    [0, 1, 2].map((k) => ({
      accountId: m.id,
      kind: "order_send_failed" as const,
      message: "503",
      orderNumber: `#${i}-${k}`,
      firstSeenAt: new Date(NOW.getTime() - (k === 0 ? HOUR : 48 * HOUR)),
      lastSeenAt: new Date(NOW.getTime() - k * 60_000),
      dedupeKey: `t:${i}:${k}`,
    })),
  );
  for (let i = 0; i < rows.length; i += 300) await db.insert(alerts).values(rows.slice(i, i + 300));
  return { warehouse: warehouse!, merchants };
}

const recipients = (batches: Batch[]) => batches.flatMap((b) => b.emails.map((e) => e.to));

describe("sendDigests at scale", () => {
  beforeEach(() => {
    rendered.length = 0;
  });

  it("sends 250 digests in batches of 100, 100 and 50, each contact its own merchant's alerts, once per period", async () => {
    await world(250);
    const t = transport();
    const summary = await sendDigests(database.db, deps(t));

    expect(summary).toMatchObject({ due: 250, sent: 250, empty: 0, rejected: 0 });
    expect(t.batches.map((b) => b.emails.length)).toEqual([100, 100, 50]);
    expect(new Set(recipients(t.batches)).size).toBe(250);
    const of = (i: number) => t.batches.flatMap((b) => b.emails).find((e) => e.to === `c${i}@m.example`)!;
    expect(of(0).text).toBe("#0-0 NEW\n#0-1\n#0-2");
    expect(of(249).text).toBe("#249-0 NEW\n#249-1\n#249-2");
    expect(of(249).subject).toBe("1 new, 2 open");
    expect(of(7).headers?.["List-Unsubscribe"]).toMatch(/\/api\/unsubscribe\?token=/);
    expect(t.batches[1]!.key).toBe(batchKey(t.batches[1]!.emails.map((e) => e.idempotencyKey)));

    await sendDigests(database.db, deps(t));
    await sendDigests(database.db, deps(t, new Date(NOW.getTime() + 20 * 60_000)));
    expect(t.batches).toHaveLength(3);
    const sent = await database.db.select().from(emailOutbox).where(eq(emailOutbox.status, "sent"));
    expect(sent).toHaveLength(250);
  });

  it("a warehouse contact gets every merchant's alerts, and a contact with an older last digest counts more as new, in the same step", async () => {
    const { warehouse } = await world(3);
    const { db } = database;
    const created = new Date(NOW.getTime() - 30 * 24 * HOUR);
    await db.insert(alertContacts).values({
      accountId: warehouse.id,
      email: "ops@3pl.example",
      frequency: "daily",
      lastDigestAt: YESTERDAY_8,
      createdAt: created,
      updatedAt: created,
    });
    // c1 last heard three days ago: its alerts first seen 48 h ago are new to it.
    await db
      .update(alertContacts)
      .set({ lastDigestAt: new Date(NOW.getTime() - 72 * HOUR) })
      .where(eq(alertContacts.email, "c1@m.example"));
    const t = transport();
    await sendDigests(db, deps(t));

    const to = (address: string) => t.batches[0]!.emails.find((e) => e.to === address)!;
    expect(to("ops@3pl.example").text.split("\n").sort()).toEqual([
      "#0-0 NEW",
      "#0-1",
      "#0-2",
      "#1-0 NEW",
      "#1-1",
      "#1-2",
      "#2-0 NEW",
      "#2-1",
      "#2-2",
    ]);
    expect(to("ops@3pl.example").subject).toBe("3 new, 6 open");
    expect(to("c1@m.example").text).toBe("#1-0 NEW\n#1-1 NEW\n#1-2 NEW");
    expect(to("c1@m.example").subject).toBe("3 new, 0 open");
    expect(to("c2@m.example").text).toBe("#2-0 NEW\n#2-1\n#2-2");
  });

  it("hands the first batch over before rendering the rest, renders the next while it is in flight, and no further", async () => {
    await world(250);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const seen = { atHandover: -1, whileHeld: -1, afterWaiting: -1 };
    let firstDone = false;
    let overlapped = false;
    const t = transport(async (n) => {
      if (n === 1) {
        seen.atHandover = rendered.length;
        for (let waited = 0; rendered.length < 200 && waited < 5_000; waited += 5) await sleep(5);
        seen.whileHeld = rendered.length;
        await sleep(30);
        seen.afterWaiting = rendered.length;
        firstDone = true;
      } else if (!firstDone) overlapped = true;
    });
    await sendDigests(database.db, deps(t));
    expect(seen.atHandover).toBeGreaterThanOrEqual(100);
    expect(seen.atHandover).toBeLessThan(250);
    // The second batch is rendered while the first is held, and rendering stops there: memory stays bounded.
    expect(seen.whileHeld).toBe(200);
    expect(seen.afterWaiting).toBe(200);
    expect(overlapped).toBe(false);
    expect(recipients(t.batches)).toHaveLength(250);
  });

  it("a failed batch stops the run; the retry sends that batch under the same key, then the rest, each contact once", async () => {
    await world(250);
    const keys: string[] = [];
    const failing = transport(async (n) => {
      if (n === 2) throw new EmailSendError("Resend refused the email (HTTP 503)", true, 503);
    });
    const sendBatch = failing.sendBatch.bind(failing);
    failing.sendBatch = (emails, key) => {
      keys.push(key);
      return sendBatch(emails, key);
    };
    await expect(sendDigests(database.db, deps(failing))).rejects.toThrow(/HTTP 503/);
    expect(failing.batches).toHaveLength(1);
    expect(keys).toHaveLength(2);

    const retry = transport();
    const summary = await sendDigests(database.db, deps(retry));
    // The planned batch goes again first, whole; then the 50 contacts not yet planned.
    expect(summary).toMatchObject({ replayed: 100, due: 50 });
    expect(retry.batches[0]!.key).toBe(keys[1]);
    expect(retry.batches.map((b) => b.emails.length)).toEqual([100, 50]);
    const all = [...recipients(failing.batches), ...recipients(retry.batches)];
    expect(all).toHaveLength(250);
    expect(new Set(all).size).toBe(250);
    const [contact] = await database.db.select().from(alertContacts).where(eq(alertContacts.email, "c0@m.example"));
    expect(retry.batches.flatMap((b) => b.emails).some((e) => e.idempotencyKey === digestKey(contact!, NOW))).toBe(false);
  });
});
