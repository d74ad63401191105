// The plain-text part of a digest, written from the same data as the HTML template (emails/digest.tsx) rather
// than parsed back out of its HTML: converting 10,000 rendered digests to text cost as much CPU as rendering them.
import type { DigestEmail, DigestGroup, EmailFooter } from "./email-models";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "4 new alerts, 7 still open": the digest's headline, and its subject after the frequency. */
export function digestHeadline({ newCount, stillOpenCount }: Pick<DigestEmail, "newCount" | "stillOpenCount">): string {
  return `${plural(newCount, "new alert")}, ${stillOpenCount} still open`;
}

/**
 * What a plain-text mail client shows: the headline and counts, a summary line per group, then each group's
 * alerts (title, NEW, message, how long and how often, and the link that fixes it), the Alerts tab, when the
 * next digest comes, and why the person got it with the links to change or stop it.
 */
export function digestText(email: DigestEmail & { footer: EmailFooter }): string {
  const parts = [
    `Fixline · ${email.frequencyLabel}`,
    digestHeadline(email),
    `New since ${email.sinceLabel}, and older alerts that retrying has not resolved yet. Each alert links to the page that fixes it.`,
    `New: ${email.newCount} · Still open: ${email.stillOpenCount} · Need a person: ${email.needsPersonCount}`,
    ["At a glance:", ...email.groups.map((g) => `- ${groupTitle(g)}: ${groupCounts(g)}`)].join("\n"),
    ...email.groups.map((g) => groupText(g, email.alertsUrl)),
    `Open the Alerts tab: ${email.alertsUrl}`,
    email.nextDigestLine,
    footerText(email.footer),
  ];
  return `${parts.join("\n\n")}\n`;
}

const groupTitle = (g: DigestGroup) => `${oneLine(g.kindLabel)} · ${oneLine(g.merchantName)}${g.needsPerson ? " · needs a person" : ""}`;
const groupCounts = (g: DigestGroup) => `${g.newCount} new, ${g.stillOpenCount} still open`;

function groupText(group: DigestGroup, alertsUrl: string): string {
  const lines = group.lines.map((l) =>
    [`* ${oneLine(l.title)}${l.isNew ? " (NEW)" : ""}`, `  ${oneLine(l.message)}`, `  ${l.meta}`, `  ${l.url}`].join("\n"),
  );
  const more = group.moreCount > 0 ? [`and ${group.moreCount} more in Fixline: ${alertsUrl}`] : [];
  return [`== ${groupTitle(group)} ==\n${groupCounts(group)}`, ...lines, ...more].join("\n\n");
}

function footerText(footer: EmailFooter): string {
  return [
    "---",
    `You got this email because ${footer.reason}`,
    `Change how often you get emails: ${footer.profileUrl}`,
    `Unsubscribe ${footer.recipientEmail}: ${footer.unsubscribeUrl}`,
    "",
    "Fixline · alerts and retries for your order integrations",
  ].join("\n");
}

/** A remote system's message may hold line breaks or runs of spaces; the HTML collapses them, and so does the text. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
