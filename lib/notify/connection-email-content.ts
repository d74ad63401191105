// What the connection emails say: a connection down, and back up (docs/emails.md, "Connections").
import { emailExplanation, formatDuration, type AlertContext } from "./alert-email-content";
import type { ConnectionDownEmail, ConnectionRecoveredEmail, ConnectionSilentEmail } from "./email-models";
import { alertUrl } from "./links";

type Fmt = (at: Date) => string;

export function connectionDownContent(ctx: AlertContext, appUrl: string, fmt: Fmt): ConnectionDownEmail {
  const { alert, connection } = ctx;
  return {
    template: "connection-down",
    connectionName: connection?.name ?? "A connection",
    platform: connection?.platform ?? "",
    merchantName: ctx.merchantName,
    since: fmt(alert.firstSeenAt),
    message: alert.message,
    explanation: emailExplanation(ctx),
    alertUrl: alertUrl(appUrl, alert.id),
    held: ctx.held ?? { count: 0, labels: [] },
  };
}

export function connectionSilentContent(ctx: AlertContext, appUrl: string, fmt: Fmt): ConnectionSilentEmail {
  const { alert, connection } = ctx;
  return {
    template: "connection-silent",
    connectionName: connection?.name ?? "A connection",
    platform: connection?.platform ?? "",
    merchantName: ctx.merchantName,
    since: fmt(alert.firstSeenAt),
    message: alert.message,
    alertUrl: alertUrl(appUrl, alert.id),
    settingsUrl: `${appUrl}/settings/connections`,
  };
}

export function connectionRecoveredContent(ctx: AlertContext, appUrl: string, now: Date, fmt: Fmt): ConnectionRecoveredEmail {
  const { alert, connection } = ctx;
  const recoveredAt = alert.resolvedAt ?? now;
  return {
    template: "connection-recovered",
    connectionName: connection?.name ?? "A connection",
    platform: connection?.platform ?? "",
    merchantName: ctx.merchantName,
    downSince: fmt(alert.firstSeenAt),
    recoveredAt: fmt(recoveredAt),
    downFor: formatDuration(recoveredAt.getTime() - alert.firstSeenAt.getTime()),
    alertUrl: alertUrl(appUrl, alert.id),
    held: ctx.held ?? { count: 0, labels: [] },
  };
}

/** "order #1, order #2 and 38 more": the records a connection email names. */
export function heldSentence({ count, labels }: { count: number; labels: string[] }): string {
  if (count === 0) return "";
  const more = count - labels.length;
  if (more <= 0) return labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
  return `${labels.join(", ")} and ${more} more`;
}
