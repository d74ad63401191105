// Every immediate email in every state its record can be in, as the job would write it: the rendering script
// (`npm run emails:render`) shows each one and lib/notify/immediate-email-content.test.ts reads each one.
import type { Alert, Connection, Delivery } from "@/db/schema";
import type { AlertContext } from "./alert-email-content";
import type { AlertEmailContent } from "./email-models";
import type { ImmediateKind } from "./find-due-alert-emails";
import { alertGroupContent, type GroupNotice } from "./alert-group-content";
import { immediateEmailContent } from "./immediate-email-content";

export const STATE_NOW = new Date("2026-11-26T14:10:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(STATE_NOW.getTime() + hours * HOUR);

const connection: Connection = {
  id: 7,
  accountId: 2,
  kind: "wms",
  platform: "Northwind WMS",
  name: "Northwind WMS · Alder & Oak Home",
  endpointUrl: "https://wms.northwind.example",
  credential: "x",
  webhookSecret: "whsec_x",
  previousWebhookSecret: null,
  previousSecretExpiresAt: null,
  syncIntervalMinutes: 15,
  lastSyncAt: null,
  consecutiveTransientFailures: 0,
  downSince: null,
  lastProbeAt: null,
  pausedAt: null,
  pausedByUserId: null,
  silenceSensitivity: "normal",
  silenceQuietHours: null,
  createdAt: at(-24 * 30),
  updatedAt: at(-24 * 30),
};
const cart: Connection = { ...connection, id: 8, kind: "cart", platform: "Shopify", name: "Shopify · Alder & Oak Home" };

function alert(fields: Partial<Alert>): Alert {
  return {
    id: 5120,
    accountId: 2,
    connectionId: connection.id,
    deliveryId: 900,
    orderId: 1042,
    kind: "address_invalid",
    state: "open",
    needsPerson: true,
    message: "Invalid ShipTo.State 'TX.': not a recognized US state or territory code.",
    errorCode: "address_invalid",
    orderNumber: "#AO-10482",
    productCode: null,
    httpStatus: 422,
    occurrences: 1,
    firstSeenAt: at(-0.1),
    lastSeenAt: at(-0.1),
    giveUpAt: null,
    dedupeKey: "x",
    resolvedAt: null,
    dismissedAt: null,
    dismissedBy: null,
    snoozedUntil: null,
    shipBy: null,
    ...fields,
  };
}

function delivery(fields: Partial<Delivery>): Delivery {
  return {
    id: 900,
    accountId: 2,
    connectionId: connection.id,
    kind: "order_to_wms",
    orderId: 1042,
    sku: null,
    payload: {},
    payloadVersion: 1,
    status: "held",
    attempts: 1,
    consecutiveFailures: 1,
    firstFailureAt: at(-0.1),
    lastError: null,
    lastErrorCode: null,
    lastHttpStatus: null,
    lastAttemptAt: at(-0.1),
    nextAttemptAt: null,
    giveUpAt: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    createdAt: at(-1),
    updatedAt: at(-0.1),
    ...fields,
  };
}

const ctx = (a: Partial<Alert>, d: Partial<Delivery> | null, more: Partial<AlertContext> = {}): AlertContext => ({
  alert: alert(a),
  merchantName: "Alder & Oak Home",
  connection,
  delivery: d ? delivery(d) : null,
  shipMethodLabel: "Free Shipping",
  orderStatus: "held",
  ...more,
});

const unmapped = "Ship method 'Free Shipping' is not mapped to a carrier service at Northwind Fulfillment.";
const failing = {
  kind: "order_send_failed" as const,
  needsPerson: false,
  httpStatus: 503,
  errorCode: null,
  message: "503 Service Unavailable: WMS maintenance window",
};
const skipped = { ...failing, kind: "record_skipped" as const, needsPerson: true };

/** name → the email's kind and the record it is about. */
export const EMAIL_STATES: Record<string, { kind: ImmediateKind; ctx: AlertContext }> = {
  "action-needed--address-refused": { kind: "action_needed", ctx: ctx({}, { lastHttpStatus: 422 }) },
  "action-needed--ship-method-refused-by-wms": {
    kind: "action_needed",
    ctx: ctx(
      { kind: "ship_method_unmapped", message: "Unknown ship method code 'FREE'.", httpStatus: 422, errorCode: "ship_method_unmapped" },
      { lastHttpStatus: 422 },
    ),
  },
  "action-needed--ship-method-held-by-fixline": {
    kind: "action_needed",
    ctx: ctx({ kind: "ship_method_unmapped", message: unmapped, httpStatus: null, errorCode: "ship_method_unmapped" }, { attempts: 0 }),
  },
  "action-needed--requires-action-on-send": {
    kind: "action_needed",
    ctx: ctx(
      { kind: "order_send_failed", message: "Customs data missing for HS code 9403.60.", errorCode: "requires_action" },
      { lastHttpStatus: 422 },
    ),
  },
  "action-needed--reported-after-acceptance": {
    kind: "action_needed",
    ctx: ctx(
      {
        kind: "remote_error",
        deliveryId: null,
        message: "Lot AO-7 recalled: pick from another lot.",
        httpStatus: null,
        errorCode: "requires_action",
      },
      null,
      { orderStatus: "at_wms" },
    ),
  },
  "action-needed--reported-before-acceptance": {
    kind: "action_needed",
    ctx: ctx(
      {
        kind: "remote_error",
        deliveryId: null,
        message: "Gift message too long for the packing slip.",
        httpStatus: null,
        errorCode: "requires_action",
      },
      null,
      { orderStatus: "error" },
    ),
  },
  "action-needed--reported-about-a-product": {
    kind: "action_needed",
    ctx: ctx(
      {
        kind: "remote_error",
        deliveryId: null,
        orderId: null,
        orderNumber: null,
        productCode: "AO-LAMP-OAK-S",
        message: "Item master missing dimensions.",
        httpStatus: null,
        errorCode: "requires_action",
      },
      null,
      { orderStatus: null },
    ),
  },
  "action-needed--tracking-refused": {
    kind: "action_needed",
    ctx: ctx(
      { kind: "tracking_push_failed", connectionId: cart.id, message: "Fulfillment order is closed.", errorCode: "requires_action" },
      { kind: "tracking_to_cart", connectionId: cart.id },
      { connection: cart, orderStatus: "shipped" },
    ),
  },
  "record-skipped--after-many-tries": {
    kind: "record_skipped",
    ctx: ctx(
      { ...skipped, occurrences: 360, firstSeenAt: at(-360), giveUpAt: at(0) },
      { status: "skipped", attempts: 360, firstFailureAt: at(-360), giveUpAt: at(0) },
      { orderStatus: "skipped" },
    ),
  },
  "record-skipped--after-one-try": {
    kind: "record_skipped",
    ctx: ctx(
      { ...skipped, firstSeenAt: at(-72), giveUpAt: at(0) },
      { status: "skipped", attempts: 1, firstFailureAt: at(-72), giveUpAt: at(0) },
      { orderStatus: "skipped" },
    ),
  },
  "record-skipped--without-a-try": {
    kind: "record_skipped",
    ctx: ctx(
      { ...skipped, message: "Not tried: Northwind WMS was down.", firstSeenAt: at(-72), giveUpAt: at(0) },
      { status: "skipped", attempts: 0, firstFailureAt: null, giveUpAt: at(0) },
      { orderStatus: "skipped" },
    ),
  },
  "record-skipped--inventory": {
    kind: "record_skipped",
    ctx: ctx(
      {
        ...skipped,
        orderId: null,
        orderNumber: null,
        productCode: "AO-LAMP-OAK-S",
        connectionId: cart.id,
        message: "404 Not Found: variant 44120558 no longer exists",
      },
      {
        kind: "inventory_to_cart",
        orderId: null,
        sku: "AO-LAMP-OAK-S",
        status: "skipped",
        attempts: 288,
        firstFailureAt: at(-72),
        giveUpAt: at(0),
      },
      { connection: cart, orderStatus: null },
    ),
  },
  "giving-up-soon--next-try-ahead": {
    kind: "giving_up_soon",
    ctx: ctx(
      { ...failing, occurrences: 312, firstSeenAt: at(-312), giveUpAt: at(48) },
      { status: "retrying", attempts: 312, nextAttemptAt: at(0.5), giveUpAt: at(48) },
    ),
  },
  "giving-up-soon--tried-once-next-try-due": {
    kind: "giving_up_soon",
    ctx: ctx(
      { ...failing, firstSeenAt: at(-312), giveUpAt: at(47) },
      { status: "retrying", attempts: 1, nextAttemptAt: at(-0.2), giveUpAt: at(47) },
    ),
  },
  "giving-up-soon--no-try-before-give-up": {
    kind: "giving_up_soon",
    ctx: ctx(
      { ...failing, firstSeenAt: at(-312), giveUpAt: at(20) },
      { status: "retrying", attempts: 40, nextAttemptAt: at(30), giveUpAt: at(20) },
    ),
  },
  "ship-by-soon--retrying-hourly": {
    kind: "ship_by_soon",
    ctx: ctx(
      { ...failing, firstSeenAt: at(-2), shipBy: at(1.5) },
      { status: "retrying", attempts: 3, nextAttemptAt: at(0.9), giveUpAt: at(15 * 24 - 2) },
      { orderStatus: "error" },
    ),
  },
  "connection-silent--cart": {
    kind: "connection_silent",
    ctx: ctx(
      {
        kind: "connection_silent",
        needsPerson: false,
        deliveryId: null,
        orderId: null,
        orderNumber: null,
        connectionId: cart.id,
        message:
          "No orders from Shopify · Alder & Oak Home for 7 h; by now there are usually about 14. Last order received 26 Nov 2026, 07:10 UTC. Last successful call to it 26 Nov 2026, 13:55 UTC. No webhook of any kind has arrived from it since.",
        httpStatus: null,
      },
      null,
      { connection: cart },
    ),
  },
  "connection-down--holding-records": {
    kind: "connection_down",
    ctx: ctx(
      {
        kind: "connection_down",
        needsPerson: false,
        deliveryId: null,
        orderId: null,
        orderNumber: null,
        message: "Northwind WMS · Alder & Oak Home is not answering: 5 records in a row failed. Last error: 503 Service Unavailable",
        httpStatus: 503,
      },
      null,
      { held: { count: 2, labels: ["order #AO-10482", "order #AO-10483"] } },
    ),
  },
  "connection-recovered--backlog": {
    kind: "connection_recovered",
    ctx: ctx(
      {
        kind: "connection_down",
        state: "resolved",
        needsPerson: false,
        deliveryId: null,
        orderId: null,
        orderNumber: null,
        message: "Not answering",
        firstSeenAt: at(-2.25),
        resolvedAt: at(0),
      },
      null,
      { held: { count: 1, labels: ["order #AO-10482"] } },
    ),
  },
};

const withIds = (name: string, i: number) => {
  const { kind, ctx: c } = EMAIL_STATES[name]!;
  const n = String(10482 + i);
  return {
    kind,
    ctx: {
      ...c,
      alert: { ...c.alert, id: 6000 + i, orderId: c.alert.orderId ? 2000 + i : null, orderNumber: c.alert.orderNumber ? `#AO-${n}` : null },
    },
  };
};
const held = { count: 38, labels: ["order #AO-10482", "order #AO-10483", "order #AO-10484"] };

/** Several notices to one contact in one run: one grouped email (alert-group-content.ts). */
export const GROUP_STATES: Record<string, GroupNotice[]> = {
  "alert-group--mixed": [
    { ...withIds("connection-down--holding-records", 0), ctx: { ...withIds("connection-down--holding-records", 0).ctx, held } },
    withIds("action-needed--address-refused", 1),
    withIds("action-needed--address-refused", 2),
    withIds("action-needed--ship-method-held-by-fixline", 3),
    withIds("record-skipped--after-one-try", 4),
    withIds("giving-up-soon--next-try-ahead", 5),
  ],
  "alert-group--after-outage": [
    { ...withIds("connection-recovered--backlog", 0), ctx: { ...withIds("connection-recovered--backlog", 0).ctx, held } },
    ...Array.from({ length: 14 }, (_, i) => withIds("record-skipped--after-many-tries", i + 1)),
  ],
};

/** The content of a state's email as the job writes it at STATE_NOW. */
export function stateContent(name: string, appUrl = "http://localhost:3000", timeZone = "UTC"): AlertEmailContent {
  const group = GROUP_STATES[name];
  if (group) return alertGroupContent(group, appUrl, STATE_NOW, timeZone);
  const state = EMAIL_STATES[name];
  if (!state) throw new Error(`No email state ${name}`);
  return immediateEmailContent(state.kind, state.ctx, appUrl, STATE_NOW, timeZone);
}
