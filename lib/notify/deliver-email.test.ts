import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { batchKey, deliverEmail, deliverEmailBatch, transportFromEnv, type EmailMessage, type EmailTransport } from "./deliver-email";
import { EmailSendError, type OutgoingEmail } from "./email-transport";

const NOW = new Date("2026-11-26T12:00:00Z");

const message: EmailMessage = {
  to: "sam@alderandoak.example",
  subject: "3 new alerts",
  html: "<p>3 new alerts</p>",
  text: "3 new alerts",
  template: "alert-digest",
  idempotencyKey: "digest:sam@alderandoak.example:2026-11-26T12",
};

/** A transport that records what it sends and fails the first `failures` calls with `error`. */
function fakeTransport(name: EmailTransport["name"], failures = 0, error: () => Error = () => new Error("connect ECONNREFUSED")) {
  const sent: OutgoingEmail[] = [];
  const batches: { emails: OutgoingEmail[]; key: string }[] = [];
  type Fake = EmailTransport & { calls: number; sent: OutgoingEmail[]; batches: typeof batches };
  const transport: Fake = {
    name,
    calls: 0,
    sent,
    batches,
    async send(email: OutgoingEmail) {
      transport.calls++;
      if (transport.calls <= failures) throw error();
      sent.push(email);
      return { providerId: name === "resend" ? `re_${transport.calls}` : null };
    },
    async sendBatch(emails: OutgoingEmail[], key: string) {
      transport.calls++;
      if (transport.calls <= failures) throw error();
      batches.push({ emails, key });
      return emails.map((e) => (e.to.startsWith("bad") ? { rejected: "Invalid `to` field" } : { providerId: `re_${e.idempotencyKey}` }));
    },
  };
  return transport;
}

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

async function outboxRows() {
  return database.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, message.idempotencyKey));
}

describe("deliverEmail", () => {
  it("keeps the email in the outbox with the outbox transport", async () => {
    const transport = fakeTransport("outbox");
    const row = await deliverEmail(database.db, message, transport, NOW);
    expect(transport.calls).toBe(1);
    expect(row).toMatchObject({ status: "outbox", to: message.to, subject: message.subject, error: null, sentAt: null, createdAt: NOW });
    expect(await outboxRows()).toEqual([row]);
  });

  it("marks the email sent with the provider id when a real provider accepts it", async () => {
    const transport = fakeTransport("resend");
    const row = await deliverEmail(database.db, message, transport, NOW);
    expect(row).toMatchObject({ status: "sent", providerId: "re_1", sentAt: NOW, error: null });
  });

  it("sends once per idempotency key", async () => {
    const transport = fakeTransport("resend");
    const first = await deliverEmail(database.db, message, transport, NOW);
    const second = await deliverEmail(database.db, { ...message, subject: "changed" }, transport, new Date(NOW.getTime() + 60_000));
    expect(transport.calls).toBe(1);
    expect(second).toEqual(first);
    expect(await outboxRows()).toHaveLength(1);
  });

  it("records a failed send, rethrows, and retries it on the next call with the same key", async () => {
    const transport = fakeTransport("resend", 1);
    await expect(deliverEmail(database.db, message, transport, NOW)).rejects.toThrow("ECONNREFUSED");
    const [failed] = await outboxRows();
    expect(failed).toMatchObject({ status: "failed", sentAt: null });
    expect(failed?.error).toContain("ECONNREFUSED");

    const later = new Date(NOW.getTime() + 5 * 60_000);
    const retried = await deliverEmail(database.db, message, transport, later);
    expect(transport.calls).toBe(2);
    expect(retried).toMatchObject({ id: failed!.id, status: "sent", providerId: "re_2", error: null, sentAt: later });
    expect(await outboxRows()).toHaveLength(1);
  });
});

/** Next's types require NODE_ENV on a ProcessEnv; the transport only reads the keys given here. */
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("deliverEmail, more", () => {
  it("resends the stored content after a failure, so the retry is the same request under the same key", async () => {
    const transport = fakeTransport("resend", 1);
    await expect(deliverEmail(database.db, message, transport, NOW)).rejects.toThrow();
    await deliverEmail(database.db, { ...message, subject: "re-rendered later", html: "<p>4 new alerts</p>" }, transport, NOW);
    expect(transport.sent).toEqual([
      expect.objectContaining({ subject: message.subject, html: message.html, idempotencyKey: message.idempotencyKey }),
    ]);
  });

  it("marks an email the provider refuses for good as rejected, does not throw, and never retries it", async () => {
    const transport = fakeTransport("resend", 1, () => new EmailSendError("Invalid `to` field", false, 422));
    const row = await deliverEmail(database.db, message, transport, NOW);
    expect(row).toMatchObject({ status: "rejected", sentAt: null });
    expect(row.error).toContain("Invalid `to` field");
    await deliverEmail(database.db, message, transport, NOW);
    expect(transport.calls).toBe(1);
  });

  it("passes the headers (List-Unsubscribe) to the transport", async () => {
    const transport = fakeTransport("resend");
    await deliverEmail(database.db, { ...message, headers: { "List-Unsubscribe": "<https://x/u>" } }, transport, NOW);
    expect(transport.sent[0]?.headers).toEqual({ "List-Unsubscribe": "<https://x/u>" });
  });
});

describe("deliverEmailBatch", () => {
  const many = (n: number, prefix = "ok") =>
    Array.from({ length: n }, (_, i): EmailMessage => ({
      ...message,
      to: `${prefix}${i}@x.example`,
      idempotencyKey: `digest:${prefix}:${i}`,
    }));

  it("sends in batches of at most 100, each keyed by its emails, and records every result", async () => {
    const transport = fakeTransport("resend");
    const messages = [...many(149), ...many(1, "bad")];
    const rows = await deliverEmailBatch(database.db, messages, transport, NOW);
    expect(transport.batches.map((b) => b.emails.length)).toEqual([100, 50]);
    expect(transport.batches[0]?.key).toBe(batchKey(messages.slice(0, 100).map((m) => m.idempotencyKey)));
    expect(rows.map((r) => r.to)).toEqual(messages.map((m) => m.to));
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(149);
    expect(rows.at(-1)).toMatchObject({ status: "rejected", error: "Invalid `to` field" });
  });

  it("after a failed batch, the retry sends only what is not done, the same batch under the same key", async () => {
    const transport = fakeTransport("resend", 1, () => new EmailSendError("HTTP 500", true, 500));
    const messages = many(3);
    await deliverEmail(database.db, messages[0]!, fakeTransport("resend"), NOW);
    await expect(deliverEmailBatch(database.db, messages, transport, NOW)).rejects.toThrow("HTTP 500");
    const rows = await deliverEmailBatch(database.db, messages, transport, NOW);
    expect(transport.batches).toHaveLength(1);
    expect(transport.batches[0]?.emails.map((e) => e.to)).toEqual(["ok1@x.example", "ok2@x.example"]);
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    await deliverEmailBatch(database.db, messages, transport, NOW);
    expect(transport.batches).toHaveLength(1);
  });
});

describe("transportFromEnv", () => {
  it("uses the local outbox without a Resend key", () => {
    expect(transportFromEnv(env({})).name).toBe("outbox");
    expect(transportFromEnv(env({ RESEND_API_KEY: "   " })).name).toBe("outbox");
  });

  it("uses Resend with a key", () => {
    expect(transportFromEnv(env({ RESEND_API_KEY: "re_x" })).name).toBe("resend");
  });
});
