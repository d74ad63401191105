import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { ms, timestamps } from "./columns";

export const EMAIL_FREQUENCIES = ["immediate", "hourly", "daily", "weekly", "off"] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** An address on an account that receives alert emails; it may have no login. */
export const alertContacts = sqliteTable(
  "alert_contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    email: text("email").notNull(),
    name: text("name"),
    frequency: text("frequency", { enum: EMAIL_FREQUENCIES }).notNull().default("daily"),
    lastDigestAt: ms("last_digest_at"),
    ...timestamps,
  },
  (t) => [uniqueIndex("alert_contacts_account_email_uq").on(t.accountId, t.email)],
);

/** `failed` is retried under the same key; `rejected` (refused for good, e.g. an invalid address) is not. */
export const EMAIL_STATUSES = ["outbox", "sent", "failed", "rejected"] as const;

/** Every email Fixline sends. With no RESEND_API_KEY it stays here and the app shows it. */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** A retried job never sends the same email twice: the key is unique. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    accountId: integer("account_id").references(() => accounts.id),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    template: text("template").notNull(),
    status: text("status", { enum: EMAIL_STATUSES }).notNull(),
    providerId: text("provider_id"),
    error: text("error"),
    createdAt: ms("created_at").notNull(),
    sentAt: ms("sent_at"),
  },
  (t) => [index("email_outbox_to_idx").on(t.to, t.createdAt)],
);

export type AlertContact = typeof alertContacts.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
