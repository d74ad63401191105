import { desc, eq } from "drizzle-orm";
import { Resend } from "resend";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";

export type EmailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  /** The same key never sends twice, so a retried job cannot repeat an email. */
  idempotencyKey: string;
  accountId?: number | null;
};

export type EmailTransport = {
  name: "resend" | "outbox";
  send(message: EmailMessage): Promise<{ providerId: string | null }>;
};

export function emailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.EMAIL_FROM ?? "Fixline <alerts@fixline.local>";
}

/** Resend when RESEND_API_KEY is set; otherwise the local outbox the app shows at /outbox. */
export function transportFromEnv(env: NodeJS.ProcessEnv = process.env): EmailTransport {
  const key = env.RESEND_API_KEY?.trim();
  if (!key) return { name: "outbox", send: async () => ({ providerId: null }) };
  const resend = new Resend(key);
  return {
    name: "resend",
    async send(message) {
      const { data, error } = await resend.emails.send(
        { from: emailFrom(env), to: message.to, subject: message.subject, html: message.html, text: message.text },
        { idempotencyKey: message.idempotencyKey },
      );
      // The SDK returns errors instead of throwing; throw so the caller (or its job) retries.
      if (error) throw new Error(`Resend refused the email: ${error.message}`);
      return { providerId: data?.id ?? null };
    },
  };
}

/**
 * Records the email in the outbox and hands it to the transport, once per idempotency key: a key that
 * was already sent (or kept locally) is not sent again.
 */
export async function deliverEmail(db: DbOrTx, message: EmailMessage, transport: EmailTransport, now: Date) {
  const [existing] = await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, message.idempotencyKey));
  if (existing && existing.status !== "failed") return existing;
  const row = existing ?? (await insertRow(db, message, now));
  try {
    const { providerId } = await transport.send(message);
    const status = transport.name === "resend" ? ("sent" as const) : ("outbox" as const);
    const [updated] = await db
      .update(emailOutbox)
      .set({ status, providerId, error: null, sentAt: transport.name === "resend" ? now : null })
      .where(eq(emailOutbox.id, row.id))
      .returning();
    return updated!;
  } catch (error) {
    await db.update(emailOutbox).set({ status: "failed", error: String(error) }).where(eq(emailOutbox.id, row.id));
    throw error;
  }
}

async function insertRow(db: DbOrTx, message: EmailMessage, now: Date) {
  const [row] = await db
    .insert(emailOutbox)
    .values({ ...message, accountId: message.accountId ?? null, status: "failed", error: "not sent yet", createdAt: now })
    .returning();
  return row!;
}

export async function listOutbox(db: DbOrTx, limit = 100) {
  return db
    .select({ id: emailOutbox.id, to: emailOutbox.to, subject: emailOutbox.subject, template: emailOutbox.template, status: emailOutbox.status, createdAt: emailOutbox.createdAt })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.id))
    .limit(limit);
}

export async function getOutboxEmail(db: DbOrTx, id: number) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}
