import type { DbOrTx } from "@/db/client";
import { alertEvents } from "@/db/schema";
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import { deliverEmail, type EmailMessage } from "./deliver-email";
import { emailFooter, loadAlertContexts } from "./alert-email-content";
import { immediateEmailContent } from "./immediate-email-content";
import type { EmailTransport } from "./email-transport";
import type { RenderEmail } from "./email-models";
import { findDueAlertEmails, type DueAlertEmail, type ImmediateKind } from "./find-due-alert-emails";
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
  const emails: { due: DueAlertEmail; message: EmailMessage }[] = [];
  for (const d of due) {
    const ctx = contexts.get(d.alert.id);
    if (!ctx) continue;
    const content = immediateEmailContent(d.kind, ctx, deps.appUrl, deps.now);
    const { subject, html, text } = await deps.render({ ...content, footer: emailFooter(d.contact, d.kind, deps) });
    const headers = listUnsubscribeHeaders(deps, d.contact);
    emails.push({ due: d, message: { to: d.contact.email, subject, html, text, template: content.template, idempotencyKey: d.idempotencyKey, accountId: d.contact.accountId, headers } });
  }
  const summary: SendSummary = { sent: 0, rejected: 0 };
  const deliverAll = async (tx: DbOrTx) => {
    for (const { due: d, message } of emails) {
      const row = await deliverEmail(tx, message, deps.transport, deps.now);
      if (row.status === "rejected") {
        summary.rejected++;
        continue;
      }
      summary.sent++;
      const detail = `Emailed to ${d.contact.email} (${KIND_NAMES[d.kind]}: ${ALERT_KIND_LABELS[d.alert.kind].toLowerCase()}).`;
      await tx.insert(alertEvents).values({ alertId: d.alert.id, type: "emailed", detail, at: deps.now });
    }
  };
  // Nothing leaves the machine with the local outbox: one write transaction instead of one per email.
  if (deps.transport.name === "outbox") await db.transaction(deliverAll);
  else await deliverAll(db);
  return summary;
}
