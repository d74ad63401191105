import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { readEnv, type EnvSource } from "@/lib/config/env";
import type { Scope } from "@/lib/tenancy/scope";

/**
 * The local mailbox (/dev/mailbox) shows the emails kept in the outbox when no email provider is set. It is a
 * convenience for a local install, and it showed every tenant's mail to anyone — so (docs/security.md):
 * - it exists only under `next dev`, or where FIXLINE_MAILBOX=on says so (the browser tests), and never once
 *   RESEND_API_KEY is set (the emails are then really sent);
 * - it is served to signed-in users only, and shows an account's emails to the people who may see that account;
 * - a personal email (a sign-in link, a notice to one person) is shown to its addressee only.
 */
export function mailboxEnabled(source?: EnvSource): boolean {
  const env = readEnv(source);
  if (env.RESEND_API_KEY) return false;
  return env.NODE_ENV === "development" || env.FIXLINE_MAILBOX === "on";
}

/** Templates addressed to one person rather than to an account's contacts, whatever account they name. */
export const PERSONAL_TEMPLATES = ["magic-link", "sign-in-locked"] as const;

export type MailboxViewer = { email: string; scope: Scope };

function visibleTo(viewer: MailboxViewer): SQL {
  const own = sql`lower(${emailOutbox.to}) = ${viewer.email.trim().toLowerCase()}`;
  const personal = or(isNull(emailOutbox.accountId), inArray(emailOutbox.template, [...PERSONAL_TEMPLATES]))!;
  const ofAccounts = viewer.scope.accountIds.length
    ? and(inArray(emailOutbox.accountId, viewer.scope.accountIds), sql`not (${personal})`)!
    : sql`0`;
  return or(and(personal, own)!, ofAccounts)!;
}

export async function listMailbox(db: DbOrTx, viewer: MailboxViewer, limit = 200) {
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(visibleTo(viewer))
    .orderBy(desc(emailOutbox.id))
    .limit(limit);
}

/** One email of the mailbox, or null when it does not exist or is not the viewer's to see (the same 404). */
export async function getMailboxEmail(db: DbOrTx, viewer: MailboxViewer, id: number) {
  const [row] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, id), visibleTo(viewer)));
  return row ?? null;
}

/**
 * How a sign-in link reaches its person: by email (Resend), kept locally (the mailbox is on: the link is also
 * printed in the server's terminal, since the mailbox needs a signed-in user), or not at all — a production
 * server with no email provider cannot send one, and the sign-in page says so instead of pretending.
 */
export type SignInLinkDelivery = "email" | "local" | "none";

export function signInLinkDelivery(source?: EnvSource): SignInLinkDelivery {
  if (readEnv(source).RESEND_API_KEY) return "email";
  return mailboxEnabled(source) ? "local" : "none";
}
