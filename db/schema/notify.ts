import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { ms, timestamps } from "./columns";

export const EMAIL_FREQUENCIES = ["immediate", "hourly", "daily", "weekly", "off"] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** The kinds of alerts a contact can choose to receive (docs/emails.md); null in the column means every kind. */
export const ALERT_TOPICS = ["address", "ship_method", "order_errors", "sync", "skipped", "connection"] as const;
export type AlertTopic = (typeof ALERT_TOPICS)[number];
/** Immediate emails per contact per hour unless the contact says otherwise (docs/emails.md). */
export const DEFAULT_HOURLY_EMAIL_CAP = 6;

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
    /** IANA time zone: the contact's digest hour and every time in its emails are in it. */
    timeZone: text("time_zone").notNull().default("UTC"),
    /** The local hour (0–23) daily and weekly digests go out. */
    digestHour: integer("digest_hour").notNull().default(8),
    /** JSON array of AlertTopic; null: every kind. */
    alertTopics: text("alert_topics", { mode: "json" }).$type<AlertTopic[] | null>(),
    /** Immediate emails at most per hour; the rest wait for the next email. */
    hourlyEmailCap: integer("hourly_email_cap").notNull().default(DEFAULT_HOURLY_EMAIL_CAP),
    /** When emails were last switched on (from off): what happened while off is not emailed at once. */
    receivingSince: ms("receiving_since"),
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
    /** The alert contact it went to (alert emails and digests). */
    contactId: integer("contact_id"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    template: text("template").notNull(),
    /** The email's own headers (List-Unsubscribe), stored so a replay is the same request. */
    headers: text("headers", { mode: "json" }).$type<Record<string, string> | null>(),
    /**
     * The batch request it was planned into, written before the request is sent: a rerun sends that same
     * batch again under the same key, so Resend drops what it already accepted (docs/emails.md).
     */
    batchKey: text("batch_key"),
    status: text("status", { enum: EMAIL_STATUSES }).notNull(),
    providerId: text("provider_id"),
    error: text("error"),
    createdAt: ms("created_at").notNull(),
    sentAt: ms("sent_at"),
  },
  (t) => [
    index("email_outbox_to_idx").on(t.to, t.createdAt),
    index("email_outbox_contact_idx").on(t.contactId, t.createdAt),
    // Emails not sent yet (to be sent again as stored): the minute job looks for them without reading every body.
    index("email_outbox_pending_idx")
      .on(t.id)
      .where(sql`status = 'failed'`),
    index("email_outbox_planned_idx")
      .on(t.batchKey)
      .where(sql`status = 'failed' AND batch_key IS NOT NULL`),
  ],
);

/**
 * The alert notices (alert × kind × contact) an email carries: one email may hold many (docs/emails.md). A
 * notice is planned into one email only (its key is the primary key), and is done when its email is.
 */
export const emailNotices = sqliteTable(
  "email_notices",
  {
    noticeKey: text("notice_key").primaryKey(),
    emailId: integer("email_id")
      .notNull()
      .references(() => emailOutbox.id),
    alertId: integer("alert_id").notNull(),
  },
  (t) => [index("email_notices_email_idx").on(t.emailId), index("email_notices_alert_idx").on(t.alertId)],
);

export type AlertContact = typeof alertContacts.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type EmailNotice = typeof emailNotices.$inferSelect;
