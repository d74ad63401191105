import { and, eq, gt, gte, isNotNull, lte, ne, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, type Alert } from "@/db/schema";
import { plannedNotices, toldNotices } from "./email-notices";
import { receivesTopic } from "./alert-topics";
import { loadRecipients, type Recipient } from "./recipients";
import { leadMinutesByMerchant } from "../ship-by/load-cutoff-rules";

export const IMMEDIATE_KINDS = [
  "action_needed",
  "record_skipped",
  "giving_up_soon",
  "ship_by_soon",
  "connection_silent",
  "connection_down",
  "connection_recovered",
] as const;
export type ImmediateKind = (typeof IMMEDIATE_KINDS)[number];

const HOUR = 3_600_000;
/** An email is due for a day after the moment it is about; after that (e.g. the runner was off) the digest tells. */
export const EMAIL_LOOKBACK_MS = 24 * HOUR;
/** "Giving up soon": a record still failing this long before its window closes. */
export const GIVING_UP_NOTICE_MS = 48 * HOUR;

/** The furthest any warehouse's lead time reaches (settings allow at most 24 h, docs/ship-by.md#lead-time). */
const MAX_LEAD_MS = 24 * HOUR;

/** One notice: an alert, the email kind it calls for, and a contact; its key names all three. */
export type DueAlertEmail = { kind: ImmediateKind; alert: Alert; contact: Recipient; idempotencyKey: string };

export function alertEmailKey(alertId: number, kind: ImmediateKind, contactId: number): string {
  return `alert:${alertId}:${kind}:contact:${contactId}`;
}

/**
 * The alert emails that go out at once and have not gone to a contact yet:
 * - needs a person (docs/rules.md#r3) or record skipped (docs/rules.md#r1, #r2): every contact that is not off (docs/rules.md#e2);
 * - giving up soon (48 h before a still-failing record's window closes): every contact that is not off — it
 *   is the last moment a person can act before the record is skipped;
 * - ship-by soon: an order alert that would wait for a digest, within its warehouse's lead time of its order's
 *   ship-by (docs/ship-by.md#lead-time): contacts set to immediate;
 * - connection down, or silent (docs/silence.md): contacts set to immediate (the others read it in their digest);
 * - connection back up: the contacts who were told it was down.
 * A contact hears only of what happened after it was added (or its emails were switched back on), so a new
 * contact is not flooded with history, nor one turned back on with what happened while it was off.
 */
export async function findDueAlertEmails(db: DbOrTx, now: Date): Promise<DueAlertEmail[]> {
  const since = new Date(now.getTime() - EMAIL_LOOKBACK_MS);
  const open = eq(alerts.state, "open");
  const candidates = await db
    .select()
    .from(alerts)
    .where(
      or(
        and(open, eq(alerts.needsPerson, true), ne(alerts.kind, "record_skipped"), gte(alerts.firstSeenAt, since)),
        and(open, eq(alerts.kind, "record_skipped"), gte(alerts.lastSeenAt, since)),
        and(
          open,
          eq(alerts.needsPerson, false),
          isNotNull(alerts.deliveryId),
          gt(alerts.giveUpAt, now),
          lte(alerts.giveUpAt, new Date(now.getTime() + GIVING_UP_NOTICE_MS)),
        ),
        and(
          open,
          eq(alerts.needsPerson, false),
          ne(alerts.kind, "record_skipped"),
          isNotNull(alerts.orderId),
          gt(alerts.shipBy, now),
          lte(alerts.shipBy, new Date(now.getTime() + MAX_LEAD_MS)),
        ),
        and(open, eq(alerts.kind, "connection_down"), gte(alerts.firstSeenAt, since)),
        and(open, eq(alerts.kind, "connection_silent"), gte(alerts.firstSeenAt, since)),
        and(eq(alerts.state, "resolved"), eq(alerts.kind, "connection_down"), gte(alerts.resolvedAt, since)),
      ),
    )
    .orderBy(alerts.id);
  const recipientsOf = await loadRecipients(db);
  const leadOf = await leadMinutesByMerchant(
    db,
    candidates.filter((a) => a.shipBy).map((a) => a.accountId),
  );
  const due: DueAlertEmail[] = [];
  const recovered: DueAlertEmail[] = [];
  for (const alert of candidates) {
    const { kind, at } = emailKindOf(alert, now, leadOf);
    if (at.getTime() < since.getTime() || at.getTime() > now.getTime()) continue;
    for (const contact of recipientsOf(alert.accountId)) {
      if (Math.max(contact.createdAt.getTime(), contact.receivingSince?.getTime() ?? 0) > at.getTime()) continue;
      if ((kind === "connection_down" || kind === "connection_silent" || kind === "ship_by_soon") && contact.frequency !== "immediate")
        continue;
      if (!receivesTopic(contact, kind, alert)) continue;
      const email = { kind, alert, contact, idempotencyKey: alertEmailKey(alert.id, kind, contact.id) };
      (kind === "connection_recovered" ? recovered : due).push(email);
    }
  }
  if (recovered.length) {
    const told = await toldNotices(
      db,
      recovered.map((e) => alertEmailKey(e.alert.id, "connection_down", e.contact.id)),
    );
    due.push(...recovered.filter((e) => told.has(alertEmailKey(e.alert.id, "connection_down", e.contact.id))));
  }
  // A notice already planned into an email (sent, or to be sent again as stored) is not planned again.
  const planned = await plannedNotices(
    db,
    due.map((e) => e.idempotencyKey),
  );
  return due.filter((e) => !planned.has(e.idempotencyKey));
}

/** Which email an alert calls for, and the moment it is about. */
function emailKindOf(alert: Alert, now: Date, leadOf: (merchantId: number) => number): { kind: ImmediateKind; at: Date } {
  if (alert.kind === "connection_down") {
    return alert.state === "resolved"
      ? { kind: "connection_recovered", at: alert.resolvedAt ?? alert.lastSeenAt }
      : { kind: "connection_down", at: alert.firstSeenAt };
  }
  if (alert.kind === "connection_silent") return { kind: "connection_silent", at: alert.firstSeenAt };
  if (alert.kind === "record_skipped") return { kind: "record_skipped", at: alert.lastSeenAt };
  if (alert.needsPerson) return { kind: "action_needed", at: alert.firstSeenAt };
  if (alert.shipBy && alert.shipBy > now && alert.shipBy.getTime() - leadOf(alert.accountId) * 60_000 <= now.getTime()) {
    // Due from the moment the lead time starts, or from when the alert was raised inside it.
    const from = Math.max(alert.shipBy.getTime() - leadOf(alert.accountId) * 60_000, alert.firstSeenAt.getTime());
    return { kind: "ship_by_soon", at: new Date(Math.min(from, now.getTime())) };
  }
  if (!alert.giveUpAt) return { kind: "giving_up_soon", at: new Date(0) };
  return { kind: "giving_up_soon", at: new Date(alert.giveUpAt!.getTime() - GIVING_UP_NOTICE_MS) };
}
