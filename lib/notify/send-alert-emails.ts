import { createHash } from "node:crypto";
import { and, gt, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertEvents, alerts, emailNotices, emailOutbox, type AlertKind } from "@/db/schema";
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import { alertGroupContent } from "./alert-group-content";
import { emailFooter, loadAlertContexts, type AlertContext } from "./alert-email-content";
import { deliverEmail, pendingRows, type EmailMessage } from "./deliver-email";
import type { EmailTransport } from "./email-transport";
import type { RenderEmail } from "./email-models";
import { pendingNoticeEmails } from "./email-notices";
import { findDueAlertEmails, type DueAlertEmail, type ImmediateKind } from "./find-due-alert-emails";
import { loadHeldRecords } from "./held-records";
import { immediateEmailContent } from "./immediate-email-content";
import { listUnsubscribeHeaders, type LinkConfig } from "./links";
import { CAP_WINDOW_MS, planAlertEmails, type PlannedEmail, type RecentEmails } from "./plan-alert-emails";

/** What the email jobs send with: the time they act at, the transport, the templates and the links' settings. */
export type EmailDeps = LinkConfig & { now: Date; transport: EmailTransport; render: RenderEmail };

/** `held`: notices that wait for the contact's next email (a few minutes' quiet, or its hourly cap). */
export type SendSummary = { sent: number; rejected: number; held?: number };

const KIND_NAMES: Record<ImmediateKind, string> = {
  action_needed: "action needed",
  record_skipped: "record skipped",
  giving_up_soon: "giving up soon",
  ship_by_soon: "ship-by soon",
  connection_down: "connection down",
  connection_silent: "connection silent",
  connection_recovered: "connection back up",
};

/**
 * Sends the immediate emails that are due (findDueAlertEmails): per contact, one email for one notice, one
 * grouped email for several (plan-alert-emails.ts: a burst becomes one email, an hourly cap per contact, what
 * waits goes in the next email). Each email and the notices it carries are written before it is sent; a rerun
 * sends an email it did not see sent again as stored, under its key, and plans no notice twice. Records
 * "Emailed to …" in each alert's history. A retryable transport error stops the run and is thrown.
 */
export async function sendAlertEmails(db: DbOrTx, deps: EmailDeps): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, rejected: 0, held: 0 };
  const work = async (tx: DbOrTx) => {
    for (const { email, notices } of await pendingNoticeEmails(tx)) {
      const row = await deliverEmail(tx, { ...email, headers: email.headers ?? undefined }, deps.transport, deps.now);
      await recordSent(tx, row.status, email.to, notices, summary, deps.now);
    }
    const due = await findDueAlertEmails(tx, deps.now);
    const { emails, held } = planAlertEmails(due, await recentEmails(tx, due, deps.now), deps.now);
    summary.held = held.reduce((n, h) => n + h.notices, 0);
    const contexts = await loadAlertContexts(
      tx,
      due.map((d) => d.alert.id),
    );
    const connectionIds = due
      .filter((d) => d.kind === "connection_down" || d.kind === "connection_recovered")
      .map((d) => d.alert.connectionId!);
    const heldBy = await loadHeldRecords(
      tx,
      connectionIds.filter((id) => id != null),
    );
    for (const planned of emails) {
      const notices = planned.notices.filter((n) => contexts.has(n.alert.id));
      if (notices.length === 0) continue;
      const withHeld = (n: DueAlertEmail): AlertContext => ({
        ...contexts.get(n.alert.id)!,
        held: n.alert.connectionId ? heldBy.get(n.alert.connectionId) : undefined,
      });
      const message = await compose({ ...planned, notices }, withHeld, deps);
      const emailId = await planEmail(tx, message, notices, deps.now);
      if (emailId === null) continue;
      const row = await deliverEmail(tx, message, deps.transport, deps.now);
      await recordSent(
        tx,
        row.status,
        message.to,
        notices.map((n) => ({ noticeKey: n.idempotencyKey, alertId: n.alert.id })),
        summary,
        deps.now,
      );
    }
  };
  // Nothing leaves the machine with the local outbox: one write transaction instead of one per email.
  if (deps.transport.name === "outbox") await db.transaction(work);
  else await work(db);
  return summary;
}

async function compose(planned: PlannedEmail, ctxOf: (n: DueAlertEmail) => AlertContext, deps: EmailDeps): Promise<EmailMessage> {
  const contact = planned.notices[0]!.contact;
  const single = planned.notices.length === 1 ? planned.notices[0]! : null;
  const content = single
    ? immediateEmailContent(single.kind, ctxOf(single), deps.appUrl, deps.now, contact.timeZone)
    : alertGroupContent(
        planned.notices.map((n) => ({ kind: n.kind, ctx: ctxOf(n) })),
        deps.appUrl,
        deps.now,
        contact.timeZone,
      );
  const { subject, html, text } = await deps.render({ ...content, footer: emailFooter(contact, single ? single.kind : "group", deps) });
  return {
    to: contact.email,
    subject,
    html,
    text,
    template: content.template,
    // One notice keeps its own key; several are keyed by the notices they carry.
    idempotencyKey: single ? single.idempotencyKey : groupKey(contact.id, planned.notices),
    accountId: contact.accountId,
    contactId: contact.id,
    headers: listUnsubscribeHeaders(deps, contact),
  };
}

export function groupKey(contactId: number, notices: DueAlertEmail[]): string {
  const hash = createHash("sha256")
    .update(
      notices
        .map((n) => n.idempotencyKey)
        .sort()
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 32);
  return `alerts:${contactId}:${hash}`;
}

/**
 * Writes the email and the notices it carries, in one transaction, before anything is sent. Null when another
 * run planned one of these notices meanwhile (its email carries it).
 */
async function planEmail(db: DbOrTx, message: EmailMessage, notices: DueAlertEmail[], now: Date): Promise<number | null> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(emailOutbox)
        .values(pendingRows([message], now))
        .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
        .returning({ id: emailOutbox.id });
      if (!row) throw new AlreadyPlanned();
      const rows = notices.map((n) => ({ noticeKey: n.idempotencyKey, emailId: row.id, alertId: n.alert.id }));
      const inserted = await tx.insert(emailNotices).values(rows).onConflictDoNothing().returning({ key: emailNotices.noticeKey });
      if (inserted.length !== rows.length) throw new AlreadyPlanned();
      return row.id;
    });
  } catch (error) {
    if (error instanceof AlreadyPlanned) return null;
    throw error;
  }
}

class AlreadyPlanned extends Error {}

/** The immediate emails each due contact got in the last hour (planned ones count: they are sent or will be). */
async function recentEmails(db: DbOrTx, due: DueAlertEmail[], now: Date): Promise<RecentEmails> {
  const ids = [...new Set(due.map((d) => d.contact.id))];
  const recent: RecentEmails = new Map();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({ contactId: emailOutbox.contactId, at: emailOutbox.createdAt })
      .from(emailOutbox)
      .where(
        and(
          inArray(emailOutbox.contactId, ids.slice(i, i + 500)),
          gt(emailOutbox.createdAt, new Date(now.getTime() - CAP_WINDOW_MS)),
          ne(emailOutbox.template, "digest"),
          ne(emailOutbox.status, "rejected"),
        ),
      );
    for (const r of rows) recent.set(r.contactId!, [...(recent.get(r.contactId!) ?? []), r.at]);
  }
  return recent;
}

/** Counts the email and writes "Emailed to … (action needed: address invalid)." into each alert's history. */
async function recordSent(
  db: DbOrTx,
  status: string,
  to: string,
  notices: { noticeKey: string; alertId: number }[],
  summary: SendSummary,
  now: Date,
) {
  if (status === "rejected") {
    summary.rejected++;
    return;
  }
  summary.sent++;
  if (notices.length === 0) return;
  const kinds = new Map<number, AlertKind>();
  for (let i = 0; i < notices.length; i += 500)
    for (const a of await db
      .select({ id: alerts.id, kind: alerts.kind })
      .from(alerts)
      .where(
        inArray(
          alerts.id,
          notices.slice(i, i + 500).map((n) => n.alertId),
        ),
      ))
      kinds.set(a.id, a.kind);
  const events = notices.map(({ noticeKey, alertId }) => {
    const kind = /^alert:\d+:(\w+):contact:/.exec(noticeKey)?.[1] as ImmediateKind | undefined;
    const alertKind = kinds.get(alertId);
    const what = `${kind ? KIND_NAMES[kind] : "alert"}: ${alertKind ? ALERT_KIND_LABELS[alertKind].toLowerCase() : "alert"}`;
    return { alertId, type: "emailed" as const, detail: `Emailed to ${to} (${what}).`, at: now };
  });
  for (let i = 0; i < events.length; i += 500) await db.insert(alertEvents).values(events.slice(i, i + 500));
}
