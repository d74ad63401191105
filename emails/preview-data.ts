// Preview props shared by the templates: what a warehouse admin at the demo 3PL would receive.
import type { ConnectionKind } from "@/db/schema";
import { explainAlert } from "@/lib/error-library/explain-alert";
import type { AlertFacts, EmailExplanation, EmailFooter } from "@/lib/notify/email-models";

const APP = "http://localhost:3000";

export const previewFooter: EmailFooter = {
  recipientEmail: "maya@northwind-fulfillment.example",
  accountName: "Northwind Fulfillment",
  reason:
    "maya@northwind-fulfillment.example is an alert contact of Northwind Fulfillment in Fixline. Alerts that need a person go at once to every contact whose emails are not off.",
  unsubscribeUrl: `${APP}/unsubscribe?token=3.preview`,
  profileUrl: `${APP}/settings/profile`,
};

/** What the error library says of a preview's message, as a real email would. */
export function previewExplanation(
  message: string,
  httpStatus: number | null,
  platform: string,
  connectionKind: ConnectionKind,
): EmailExplanation {
  const e = explainAlert({
    kind: "order_send_failed",
    message,
    errorCode: null,
    httpStatus,
    productCode: null,
    orderId: 1042,
    connectionPlatform: platform,
    connectionKind,
    deliveryKind: connectionKind === "wms" ? "order_to_wms" : "inventory_to_cart",
  });
  return {
    headline: e.headline,
    cause: e.cause,
    action: e.action.label,
    fixer: e.fixerLabel.replace(/^The /, "the ").replace(/^Nobody: /, "nobody, "),
    explained: e.explained,
  };
}

export const previewAlert: AlertFacts = {
  explanation: previewExplanation(
    "Invalid ShipTo.State 'TX.': not a recognized US state or territory code.",
    422,
    "Extensiv 3PL Warehouse Manager",
    "wms",
  ),
  kindLabel: "Address invalid",
  merchantName: "Alder & Oak Home",
  connectionName: "Northwind WMS · Alder & Oak Home",
  message: "Invalid ShipTo.State 'TX.': not a recognized US state or territory code.",
  orderNumber: "#AO-10482",
  productCode: null,
  httpStatus: 422,
  firstSeen: "26 Nov 2026, 14:05 UTC",
  occurrences: 1,
};

export const previewUrls = {
  order: `${APP}/orders/1042`,
  alert: `${APP}/alerts/5120`,
  alerts: `${APP}/alerts`,
};
