import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deliverEmail, transportFromEnv, type EmailMessage, type EmailTransport } from "./deliver-email";

const NOW = new Date("2026-11-26T12:00:00Z");

const message: EmailMessage = {
  to: "sam@alderandoak.example",
  subject: "3 new alerts",
  html: "<p>3 new alerts</p>",
  text: "3 new alerts",
  template: "alert-digest",
  idempotencyKey: "digest:sam@alderandoak.example:2026-11-26T12",
};

/** A transport that counts its sends and fails the first `failures` of them. */
function fakeTransport(name: EmailTransport["name"], failures = 0) {
  const transport = {
    name,
    calls: 0,
    async send() {
      transport.calls++;
      if (transport.calls <= failures) throw new Error("connect ECONNREFUSED");
      return { providerId: name === "resend" ? `re_${transport.calls}` : null };
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

describe("transportFromEnv", () => {
  it("uses the local outbox without a Resend key", () => {
    expect(transportFromEnv(env({})).name).toBe("outbox");
    expect(transportFromEnv(env({ RESEND_API_KEY: "   " })).name).toBe("outbox");
  });

  it("uses Resend with a key", () => {
    expect(transportFromEnv(env({ RESEND_API_KEY: "re_x" })).name).toBe("resend");
  });
});
