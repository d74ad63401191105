import type { Alert } from "@/db/schema";
import { unsubscribeToken } from "./unsubscribe-token";

/** Everything an email needs to build its links: the app's public URL and the unsubscribe signing secret. */
export type LinkConfig = { appUrl: string; secret: string };

export const orderUrl = (appUrl: string, orderId: number) => `${appUrl}/orders/${orderId}`;
export const alertUrl = (appUrl: string, alertId: number) => `${appUrl}/alerts/${alertId}`;
export const alertsUrl = (appUrl: string) => `${appUrl}/alerts`;
export const profileUrl = (appUrl: string) => `${appUrl}/settings/profile`;

/**
 * The page that fixes an alert: the order-fix page for an order that needs a person or was skipped (edit,
 * map, resend), otherwise the alert itself (its history and "Retry now").
 */
export function fixUrl(appUrl: string, alert: Pick<Alert, "id" | "orderId" | "needsPerson" | "kind">): string {
  const orderFix = alert.orderId != null && (alert.needsPerson || alert.kind === "record_skipped");
  return orderFix ? orderUrl(appUrl, alert.orderId!) : alertUrl(appUrl, alert.id);
}

/** The confirmation page a person opens from the footer link (a GET never unsubscribes: mail scanners follow links). */
export function unsubscribePageUrl(links: LinkConfig, contact: { id: number; email: string }): string {
  return `${links.appUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(contact, links.secret))}`;
}

/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to this URL. */
export function listUnsubscribeHeaders(links: LinkConfig, contact: { id: number; email: string }): Record<string, string> {
  const url = `${links.appUrl}/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken(contact, links.secret))}`;
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
