// What the connection emails say: a connection down, and back up (docs/emails.md, "Connections").
import { formatDuration, type AlertContext } from "./alert-email-content";
import type { ConnectionDownEmail, ConnectionRecoveredEmail } from "./email-models";
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
    alertUrl: alertUrl(appUrl, alert.id),
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
  };
}
