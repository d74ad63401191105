import type { DbOrTx } from "@/db/client";
import { alertEvents } from "@/db/schema";
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import { deliverEmail } from "./deliver-email";
import { emailFooter, immediateEmailContent, loadAlertContexts } from "./alert-email-content";
import type { EmailTransport } from "./email-transport";
import type { RenderEmail } from "./email-models";
import { findDueAlertEmails, type ImmediateKind } from "./find-due-alert-emails";
import { listUnsubscribeHeaders, type LinkConfig } from "./links";

/** What the email jobs send with: the time they act at, the transport, the templates and the links' settings. */
export type EmailDeps = LinkConfig & { now: Date; transport: EmailTransport; render: RenderEmail };

export type SendSummary = { sent: number; rejected: number };

const KIND_NAMES: Record<ImmediateKind, string> = {
  action_needed: "action needed",
  record_skipped: "record skipped",
  giving_up_soon: "giving up soon",
  connection_down: "connection down",
  connection_recovered: "connection back up",
};

/**
 * Sends every alert email that is due at once (see findDueAlertEmails), one per alert, kind and contact, and
 * records "Emailed to …" in the alert's history. The outbox row of each idempotency key is the ledger, so a
 * run that is retried or runs twice sends nothing twice. A retryable transport error (429, 5xx) stops the
 * run and is thrown, so the job retries later; what was sent before it stays sent.
 */
export async function sendAlertEmails(db: DbOrTx, deps: EmailDeps): Promise<SendSummary> {
  const due = await findDueAlertEmails(db, deps.now);
  const contexts = await loadAlertContexts(db, due.map((d) => d.alert.id));
  const summary: SendSummary = { sent: 0, rejected: 0 };
  for (const { kind, alert, contact, idempotencyKey } of due) {
    const ctx = contexts.get(alert.id);
    if (!ctx) continue;
    const content = immediateEmailContent(kind, ctx, deps.appUrl, deps.now);
    const { subject, html, text } = await deps.render({ ...content, footer: emailFooter(contact, kind, deps) });
    const row = await deliverEmail(
      db,
      { to: contact.email, subject, html, text, template: content.template, idempotencyKey, accountId: contact.accountId, headers: listUnsubscribeHeaders(deps, contact) },
      deps.transport,
      deps.now,
    );
    if (row.status === "rejected") {
      summary.rejected++;
      continue;
    }
    summary.sent++;
    await db.insert(alertEvents).values({
      alertId: alert.id,
      type: "emailed",
      detail: `Emailed to ${contact.email} (${KIND_NAMES[kind]}: ${ALERT_KIND_LABELS[alert.kind].toLowerCase()}).`,
      at: deps.now,
    });
  }
  return summary;
}
