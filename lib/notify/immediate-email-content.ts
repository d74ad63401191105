// What each immediate email says, from the record's real state (docs/emails.md, "Each email true to what
// happened"): who refused it or whether anything was sent at all, how many tries there really were, whether a
// next try is still to come, and which page really offers the fix. The templates in emails/ only lay it out.
import { formatDateTime } from "../format/time";
import { alertFacts, recordLabel, type AlertContext } from "./alert-email-content";
import type { ActionNeededEmail, AlertEmailContent, GivingUpSoonEmail, RecordSkippedEmail } from "./email-models";
import type { ImmediateKind } from "./find-due-alert-emails";
import { alertUrl, orderUrl } from "./links";
import { connectionDownContent, connectionRecoveredContent, connectionSilentContent } from "./connection-email-content";
import { shipBySoonContent } from "./ship-by-soon-content";

const HOUR = 3_600_000;

/** The content of an immediate email about one alert, its times in the reader's zone. */
export function immediateEmailContent(
  kind: ImmediateKind,
  ctx: AlertContext,
  appUrl: string,
  now: Date,
  timeZone = "UTC",
): AlertEmailContent {
  const fmt = (at: Date) => formatDateTime(at, timeZone);
  switch (kind) {
    case "action_needed":
      return actionNeeded(ctx, appUrl, fmt);
    case "record_skipped":
      return recordSkipped(ctx, appUrl, fmt);
    case "giving_up_soon":
      return givingUpSoon(ctx, appUrl, now, fmt);
    case "ship_by_soon":
      return shipBySoonContent(ctx, appUrl, now, fmt);
    case "connection_silent":
      return connectionSilentContent(ctx, appUrl, fmt);
    case "connection_down":
      return connectionDownContent(ctx, appUrl, fmt);
    case "connection_recovered":
      return connectionRecoveredContent(ctx, appUrl, now, fmt);
  }
}

type Fmt = (at: Date) => string;

/** The states an action-needed alert can be in, as its email must tell them apart. */
export type ActionNeededState = "refused" | "held-by-fixline" | "reported-after-acceptance" | "reported" | "record-held";

export function actionNeededState({ alert, orderStatus, delivery }: AlertContext): ActionNeededState {
  // Fixline's own check (lib/retry/attempt-delivery.ts): no mapping, so nothing went to the WMS.
  if (alert.kind === "ship_method_unmapped" && alert.httpStatus == null) return "held-by-fixline";
  if (alert.kind === "remote_error")
    return orderStatus === "at_wms" || orderStatus === "shipped" ? "reported-after-acceptance" : "reported";
  if (delivery && delivery.kind !== "order_to_wms") return "record-held";
  return "refused";
}

function actionNeeded(ctx: AlertContext, appUrl: string, fmt: Fmt): ActionNeededEmail {
  const { alert } = ctx;
  const facts = alertFacts(ctx, fmt);
  const system = ctx.connection?.name ?? "The receiving system";
  const record = alert.orderNumber ? `Order ${alert.orderNumber}` : alert.productCode ? `Product ${alert.productCode}` : "A record";
  const onOrder = alert.orderId != null ? orderUrl(appUrl, alert.orderId) : null;
  const onAlert = alertUrl(appUrl, alert.id);
  const label = ctx.shipMethodLabel ? `'${ctx.shipMethodLabel}'` : "this ship method";
  const named = ctx.connection?.name ?? "The receiving system";
  const base = { template: "action-needed" as const, alert: facts, alertUrl: onAlert, systemRow: ["Sent to", named] as [string, string] };
  const reportedBy: [string, string] = ["Reported by", named];
  switch (actionNeededState(ctx)) {
    case "held-by-fixline":
      return {
        ...base,
        title: `${record} of ${facts.merchantName} is on hold: its ship method is not mapped`,
        whatHappened: `Fixline held it before sending it: ${label} has no carrier service mapped, so nothing was sent to ${ctx.connection?.name ?? "the WMS"}.`,
        messageLabel: "Fixline's check found:",
        whatToDo: `Map ${label} to a carrier service. Every order held on it is sent at once, this one included.`,
        fixUrl: onOrder ?? onAlert,
        fixLabel: onOrder ? `Map the ship method of ${alert.orderNumber ?? "the order"}` : "Open the alert",
        systemRow: ["Sent to", "Not sent (held by Fixline)"],
      };
    case "reported-after-acceptance":
      return {
        ...base,
        title: `${system} needs a person for ${record.toLowerCase().startsWith("order") ? record.replace(/^Order/, "order") : record}`,
        whatHappened: `${system} accepted ${alert.orderNumber ? `order ${alert.orderNumber}` : "it"} and later reported a problem that needs a person. The order is at the WMS, so there is nothing for Fixline to resend.`,
        messageLabel: `${system} reported:`,
        whatToDo: `Do what the message asks in ${system}, then mark the alert resolved in Fixline.`,
        fixUrl: onAlert,
        fixLabel: "Open the alert",
        systemRow: reportedBy,
      };
    case "reported":
      return {
        ...base,
        title: `${system} reported a problem with ${record.replace(/^Order/, "order").replace(/^Product/, "product")} that needs a person`,
        whatHappened: `${system} reported it on its own; Fixline did not retry anything because of it.`,
        messageLabel: `${system} reported:`,
        whatToDo: onOrder
          ? "Fix what the message asks for. The order page lets you correct the order and resend it."
          : "Fix what the message asks for, then mark the alert resolved.",
        fixUrl: onOrder ?? onAlert,
        fixLabel: onOrder ? `Open order ${alert.orderNumber ?? ""}`.trim() : "Open the alert",
        systemRow: reportedBy,
      };
    case "record-held":
      return {
        ...base,
        title: `${recordLabel(ctx)} of ${facts.merchantName} is on hold`,
        whatHappened: `${system} refused it, and Fixline will not retry it by itself: it waits for a person.`,
        messageLabel: `${system} said:`,
        whatToDo: "Fix what the message asks for, then retry it from the alert.",
        fixUrl: onAlert,
        fixLabel: "Open the alert",
      };
    case "refused":
      return {
        ...base,
        title: `${record} of ${facts.merchantName} is on hold`,
        whatHappened: `${system} refused it, and Fixline will not retry it by itself: it waits for a person.`,
        messageLabel: `${system} said:`,
        whatToDo: refusedWhatToDo(ctx, label),
        fixUrl: onOrder ?? onAlert,
        fixLabel: onOrder ? `Fix order ${alert.orderNumber ?? ""}`.trim() : "Open the alert",
      };
  }
}

function refusedWhatToDo(ctx: AlertContext, label: string): string {
  if (ctx.alert.kind === "address_invalid")
    return "Correct the ship-to address on the order page. Saving it sends the order to the WMS at once.";
  if (ctx.alert.kind === "ship_method_unmapped")
    return `Map ${label} to a carrier service. Every order held on it is sent at once, this one included.`;
  return "Fix what the message asks for, then resend the order from its page.";
}

/** "once", "twice", "14 times". */
export function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

function recordSkipped(ctx: AlertContext, appUrl: string, fmt: Fmt): RecordSkippedEmail {
  const { alert, delivery } = ctx;
  const attempts = delivery?.attempts ?? 0;
  const system = ctx.connection?.name ?? "the receiving system";
  const firstFailure = delivery?.firstFailureAt ?? null;
  const closedAt = delivery?.giveUpAt ?? alert.giveUpAt ?? alert.lastSeenAt;
  const isOrder = delivery ? delivery.kind === "order_to_wms" && alert.orderId != null : alert.orderId != null;
  const whatHappened =
    attempts === 0
      ? `Its retry window closed on ${fmt(closedAt)} before Fixline could try it once (nothing reached ${system}).`
      : attempts === 1
        ? `Fixline tried it once${firstFailure ? `, on ${fmt(firstFailure)}` : ""}, and its retry window closed on ${fmt(closedAt)} before another try.`
        : `Fixline tried it ${attempts} times${firstFailure ? ` since ${fmt(firstFailure)}` : ""} and ${system} never accepted it, so its retry window closed on ${fmt(closedAt)}.`;
  return {
    template: "record-skipped",
    alert: alertFacts(ctx, fmt),
    recordLabel: recordLabel(ctx),
    attempts,
    triesLabel: attempts === 0 ? "without a try" : attempts === 1 ? "after one try" : `after ${attempts} tries`,
    whatHappened,
    messageLabel: attempts === 0 ? "Why it could not be tried:" : `Last answer from ${system}:`,
    triedSince: firstFailure ? fmt(firstFailure) : null,
    resendUrl: isOrder ? orderUrl(appUrl, alert.orderId!) : alertUrl(appUrl, alert.id),
    resendLabel: isOrder ? "Review and resend the order" : "Review and retry the record",
    alertUrl: alertUrl(appUrl, alert.id),
  };
}

function givingUpSoon(ctx: AlertContext, appUrl: string, now: Date, fmt: Fmt): GivingUpSoonEmail {
  const { alert, delivery } = ctx;
  const giveUpAt = alert.giveUpAt ?? delivery?.giveUpAt ?? now;
  const attempts = delivery?.attempts ?? 0;
  const next = delivery?.nextAttemptAt ?? null;
  // A next try is only worth naming when it is still to come and comes before the window closes.
  const nextTry = next && next.getTime() < giveUpAt.getTime() ? (next.getTime() <= now.getTime() ? "due now" : fmt(next)) : null;
  const willRetry = nextTry !== null;
  const system = ctx.connection?.name ?? "the receiving system";
  const tried = attempts === 0 ? "Fixline has not been able to try it yet" : `Fixline has tried it ${times(attempts)}`;
  const whatHappened = willRetry
    ? `${tried} and keeps retrying (next try ${nextTry}). If ${system} still refuses it at ${fmt(giveUpAt)}, the record is skipped. If the answer below will not change by itself, fix it now.`
    : `${tried}, and no further try comes before ${fmt(giveUpAt)}, when the record is skipped. Fix it and resend it before then.`;
  const isOrder = alert.orderId != null && (!delivery || delivery.kind === "order_to_wms");
  return {
    template: "giving-up-soon",
    alert: alertFacts(ctx, fmt),
    recordLabel: recordLabel(ctx),
    giveUpAt: fmt(giveUpAt),
    hoursLeft: Math.max(1, Math.round((giveUpAt.getTime() - now.getTime()) / HOUR)),
    attempts,
    nextTry: willRetry ? nextTry : null,
    willRetry,
    whatHappened,
    fixUrl: isOrder ? orderUrl(appUrl, alert.orderId!) : alertUrl(appUrl, alert.id),
    alertUrl: alertUrl(appUrl, alert.id),
  };
}
