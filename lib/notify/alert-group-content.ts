// One email for many notices to one contact (docs/emails.md, "Calm when many things break at once"): grouped
// by cause, each line with the deep link its own email would have had, what Fixline did said once per group.
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import { emailExplanation, type AlertContext } from "./alert-email-content";
import { heldSentence } from "./connection-email-content";
import type { AlertEmailContent, AlertGroupEmail, AlertGroupLine, AlertGroupSection } from "./email-models";
import type { ImmediateKind } from "./find-due-alert-emails";
import { actionNeededState, immediateEmailContent, type ActionNeededState } from "./immediate-email-content";
import { alertsUrl } from "./links";

/** Lines shown per section; the rest are one link away. */
export const GROUP_LINES = 10;

export type GroupNotice = { kind: ImmediateKind; ctx: AlertContext };

const ACTION_EXPLANATIONS: Record<ActionNeededState, (n: number, system: string) => string> = {
  refused: (n, system) =>
    `${system} refused ${n === 1 ? "it" : "them"} with an error only a person can fix; Fixline holds ${n === 1 ? "it" : "them"} and does not retry. Fixing one on its page sends it at once.`,
  "held-by-fixline": (n) =>
    `Fixline held ${n === 1 ? "it" : "them"} before sending: ${n === 1 ? "its" : "their"} ship method has no carrier service mapped, so nothing was sent. Mapping it sends every order held on it at once.`,
  "reported-after-acceptance": (n, system) =>
    `${system} accepted ${n === 1 ? "this order" : "these orders"} and later reported a problem that needs a person. ${n === 1 ? "It is" : "They are"} at the WMS: there is nothing to resend; act in ${system}, then resolve the alert.`,
  reported: (n, system) =>
    `${system} reported ${n === 1 ? "this" : "these"} on its own; Fixline did not retry anything because of ${n === 1 ? "it" : "them"}.`,
  "record-held": (n, system) =>
    `${system} refused ${n === 1 ? "it" : "them"}; Fixline holds ${n === 1 ? "it" : "them"} until a person retries from the alert.`,
};

/** The group email for these notices, in the reader's zone. */
export function alertGroupContent(notices: GroupNotice[], appUrl: string, now: Date, timeZone: string): AlertGroupEmail {
  const sections = new Map<string, { section: AlertGroupSection; count: number }>();
  let needYou = 0;
  let orders = true;
  const events: string[] = [];
  for (const { kind, ctx } of notices) {
    const single = immediateEmailContent(kind, ctx, appUrl, now, timeZone);
    const system = ctx.connection?.name ?? "The receiving system";
    if (single.template === "connection-silent") {
      events.push(`${single.connectionName} is silent`);
      sections.set(`conn|${ctx.alert.id}|${kind}`, {
        count: 1,
        section: {
          heading: `${single.connectionName} has gone silent`,
          explanation: "Its flow stopped well beyond its normal gap; nothing failed, so no other alert says so.",
          tone: "danger",
          lines: [{ title: single.connectionName, detail: single.message, url: single.alertUrl }],
          moreCount: 0,
          moreUrl: null,
        },
      });
      continue;
    }
    if (single.template === "connection-down" || single.template === "connection-recovered") {
      const down = single.template === "connection-down";
      events.push(`${single.connectionName} ${down ? "is down" : "is back"}`);
      const held = heldSentence(single.held);
      sections.set(`conn|${ctx.alert.id}|${kind}`, {
        count: 1,
        section: {
          heading: down ? `${single.connectionName} is not answering` : `${single.connectionName} answers again`,
          explanation: down
            ? `Since ${single.since} every record sent to it failed. Fixline probes it and sends the backlog as soon as it answers.${held ? ` It holds ${single.held.count} ${single.held.count === 1 ? "record" : "records"}: ${held}.` : ""}`
            : `It was down for ${single.downFor}.${held ? ` The ${single.held.count} ${single.held.count === 1 ? "record" : "records"} that waited are going out now: ${held}.` : ""}`,
          tone: down ? "danger" : "good",
          lines: [
            { title: single.connectionName, detail: down ? single.message : `Back up at ${single.recoveredAt}`, url: single.alertUrl },
          ],
          moreCount: 0,
          moreUrl: null,
        },
      });
      continue;
    }
    needYou++;
    if (ctx.alert.orderId == null) orders = false;
    const key = sectionKey(kind, ctx);
    let entry = sections.get(key);
    if (!entry) {
      entry = {
        count: 0,
        section: {
          heading: "",
          explanation: "",
          tone: TONE[kind],
          lines: [],
          moreCount: 0,
          moreUrl: `${alertsUrl(appUrl)}?kind=${ctx.alert.kind}`,
        },
      };
      sections.set(key, entry);
    }
    entry.count++;
    if (entry.section.lines.length < GROUP_LINES) entry.section.lines.push(lineOf(single, ctx));
    else entry.section.moreCount++;
    const n = entry.count;
    if (kind === "action_needed") {
      entry.section.heading = `${ALERT_KIND_LABELS[ctx.alert.kind]}: ${n} on hold for a person`;
      entry.section.explanation = ACTION_EXPLANATIONS[actionNeededState(ctx)](n, system);
    } else if (kind === "ship_by_soon") {
      entry.section.heading = `Due out soon: ${n} ${n === 1 ? "order" : "orders"} that will miss ${n === 1 ? "its" : "their"} ship-by unless fixed`;
      entry.section.explanation = "Fixline keeps retrying, but not in time for the ship-by. Fix or resend each now to make it.";
    } else if (kind === "record_skipped") {
      entry.section.heading = `Skipped: ${n} ${n === 1 ? "record" : "records"} whose retry window closed`;
      entry.section.explanation = "Nothing is lost: each can be corrected and resent from its page.";
    } else {
      entry.section.heading = `Skipped within 48 h unless ${n === 1 ? "it gets" : "they get"} through: ${n}`;
      entry.section.explanation = "Fixline keeps retrying until then. If an answer below will not change by itself, fix it now.";
    }
  }
  const noun = orders ? (needYou === 1 ? "order needs" : "orders need") : needYou === 1 ? "record needs" : "records need";
  const headline = [...events, ...(needYou ? [`${needYou} ${noun} you`] : [])].join(" · ");
  return {
    template: "alert-group",
    headline,
    intro: "Several things came up at once, so they are in one email, grouped by cause. Each line opens the page that fixes it.",
    sections: [...sections.values()].map((e) => e.section),
    alertsUrl: alertsUrl(appUrl),
  };
}

const TONE: Record<ImmediateKind, AlertGroupSection["tone"]> = {
  action_needed: "action",
  record_skipped: "danger",
  giving_up_soon: "warning",
  ship_by_soon: "danger",
  connection_down: "danger",
  connection_silent: "danger",
  connection_recovered: "good",
};

/** One cause: the kind of email, the kind of alert, and for what needs a person, its state. */
function sectionKey(kind: ImmediateKind, ctx: AlertContext): string {
  return kind === "action_needed" ? `${kind}|${ctx.alert.kind}|${actionNeededState(ctx)}` : `${kind}|${ctx.alert.kind}`;
}

function lineOf(single: AlertEmailContent, ctx: AlertContext): AlertGroupLine {
  const who = `${ctx.merchantName}`;
  // The library's plain explanation and its fix first; the system's own words after it, for support.
  const e = emailExplanation(ctx);
  const said = `${e.headline}. ${e.action}. For support: ${ctx.alert.message}`;
  switch (single.template) {
    case "action-needed":
      return {
        title: `${ctx.alert.orderNumber ?? ctx.alert.productCode ?? "Record"} · ${who}`,
        detail: said,
        url: single.fixUrl,
      };
    case "record-skipped":
      return {
        title: `${single.recordLabel} · ${who}`,
        detail: `Skipped ${single.triesLabel}. ${said}`,
        url: single.resendUrl,
      };
    case "ship-by-soon":
      return {
        title: `${single.recordLabel} · ${who}`,
        detail: `Due out ${single.dueOut} (in ${single.timeLeft}). ${ctx.alert.message}`,
        url: single.fixUrl,
      };
    case "giving-up-soon":
      return {
        title: `${single.recordLabel} · ${who}`,
        detail: `Skipped at ${single.giveUpAt}${single.nextTry ? `; next try ${single.nextTry}` : "; no try before then"}. ${said}`,
        url: single.fixUrl,
      };
    default:
      return { title: ctx.alert.orderNumber ?? "Alert", detail: said, url: `${alertsUrl("")}` };
  }
}

/** The subject of a group email. */
export function alertGroupSubject(email: AlertGroupEmail): string {
  return email.headline;
}
