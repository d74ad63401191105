import type { alertEvents, alerts, deliveries, orders, OrderLine, OrderStatus } from "../schema";
import {
  BAD_ADDRESSES,
  CARRIERS,
  CUSTOMERS,
  INVENTORY_ERRORS,
  MAPPED_LABELS,
  type MerchantSeed,
  OTHER_WMS_ERRORS,
  SHIP_METHOD_MAPPINGS,
  TRACKING_ERRORS,
  TRANSIENT_WMS_ERRORS,
  WAREHOUSE,
} from "./catalog";
import type { Random } from "./random";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type EventPlan = Omit<typeof alertEvents.$inferInsert, "alertId">;
type AlertPlan = Omit<typeof alerts.$inferInsert, "accountId" | "deliveryId" | "orderId" | "connectionId"> & {
  events: EventPlan[];
};
export type DeliveryPlan = Omit<typeof deliveries.$inferInsert, "accountId" | "orderId" | "connectionId"> & {
  target: "cart" | "wms";
  alert?: AlertPlan;
};
export type OrderPlan = Omit<typeof orders.$inferInsert, "accountId" | "cartConnectionId"> & {
  deliveries: DeliveryPlan[];
};

const STATUS_WEIGHTS: [OrderStatus, number][] = [
  ["shipped", 44],
  ["at_wms", 20],
  ["new", 7],
  ["error", 9],
  ["held", 9],
  ["skipped", 4],
  ["canceled", 7],
];

function pickStatus(rng: Random): OrderStatus {
  let roll = rng.next() * STATUS_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return "shipped";
}

type Merchant = MerchantSeed;

/** Plans one merchant's orders with the deliveries, alerts and history their status implies. */
export function planOrders(rng: Random, merchant: Merchant, count: number, now: number): OrderPlan[] {
  const plans: OrderPlan[] = [];
  for (let i = 0; i < count; i++) {
    const status = pickStatus(rng);
    const ageHours = status === "skipped" ? rng.int(15 * 24 + 2, 19 * 24) : rng.int(1, 13 * 24);
    const placedAt = now - ageHours * HOUR - rng.int(0, 59) * MIN;
    const sold = merchant.products.filter(([sku]) => sku !== merchant.missingSku);
    const lines: OrderLine[] = Array.from({ length: rng.int(1, 3) }, () => {
      const [sku, name] = rng.pick(sold);
      return { sku, name, quantity: rng.int(1, 3) };
    });
    const orderNumber = `${merchant.orderPrefix}${10400 + i}`;
    const plan: OrderPlan = {
      orderNumber,
      shipTo: { ...rng.pick(CUSTOMERS) },
      shipMethodLabel: rng.pick(MAPPED_LABELS),
      lines,
      status,
      placedAt: new Date(placedAt),
      createdAt: new Date(placedAt),
      updatedAt: new Date(placedAt),
      deliveries: [],
    };
    const ctx = { rng, merchant, plan, placedAt, now };
    if (status === "held") planHeld(ctx);
    else if (status === "error") plan.deliveries.push(failingOrderDelivery(ctx));
    else if (status === "skipped") plan.deliveries.push(skippedOrderDelivery(ctx));
    else if (status === "new") plan.deliveries.push(orderDelivery(ctx, { status: "pending", nextAttemptAt: new Date(now) }));
    else if (status === "at_wms" || status === "shipped") planSent(ctx);
    plans.push(plan);
  }
  return plans;
}

type Ctx = { rng: Random; merchant: Merchant; plan: OrderPlan; placedAt: number; now: number };

function orderPayload(plan: OrderPlan) {
  const mapping = SHIP_METHOD_MAPPINGS.find((m) => m.cartLabel === plan.shipMethodLabel);
  return {
    orderNumber: plan.orderNumber,
    shipTo: plan.shipTo,
    shipMethod: { label: plan.shipMethodLabel, carrier: mapping?.carrier, serviceCode: mapping?.serviceCode },
    lines: plan.lines,
  };
}

function orderDelivery(ctx: Ctx, fields: Partial<DeliveryPlan>): DeliveryPlan {
  const at = new Date(ctx.placedAt + MIN);
  return {
    target: "wms",
    kind: "order_to_wms",
    payload: orderPayload(ctx.plan),
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/** An order that needs a person: a bad address the WMS rejected, or a ship method nobody mapped. */
function planHeld(ctx: Ctx) {
  const { rng, plan, placedAt, merchant } = ctx;
  const firstAt = new Date(placedAt + MIN);
  const badAddress = rng.chance(0.5);
  let alert: AlertPlan;
  if (badAddress) {
    const bad = rng.pick(BAD_ADDRESSES);
    plan.shipTo = { ...bad.shipTo };
    alert = {
      kind: "address_invalid",
      needsPerson: true,
      message: bad.message,
      errorCode: "address_invalid",
      httpStatus: 422,
      orderNumber: plan.orderNumber,
      firstSeenAt: firstAt,
      lastSeenAt: firstAt,
      dedupeKey: "",
      events: [{ type: "raised", detail: `The WMS rejected the address (HTTP 422): ${bad.message}`, at: firstAt }],
    };
  } else {
    plan.shipMethodLabel = merchant.unmappedLabel;
    const message = `Ship method '${merchant.unmappedLabel}' is not mapped to a carrier service at ${WAREHOUSE.name}.`;
    alert = {
      kind: "ship_method_unmapped",
      needsPerson: true,
      message,
      errorCode: "ship_method_unmapped",
      orderNumber: plan.orderNumber,
      firstSeenAt: firstAt,
      lastSeenAt: firstAt,
      dedupeKey: "",
      events: [{ type: "raised", detail: "Held before sending: the WMS needs a carrier and service code.", at: firstAt }],
    };
  }
  plan.deliveries.push(
    orderDelivery(ctx, {
      status: "held",
      attempts: badAddress ? 1 : 0,
      consecutiveFailures: badAddress ? 1 : 0,
      firstFailureAt: firstAt,
      lastAttemptAt: badAddress ? firstAt : null,
      lastError: alert.message,
      lastErrorCode: alert.errorCode,
      lastHttpStatus: alert.httpStatus ?? null,
      alert,
    }),
  );
}

function hourlyFailures(first: number, until: number): number[] {
  const times: number[] = [];
  for (let at = first; at <= until; at += HOUR) times.push(at);
  return times;
}

/**
 * An order the WMS keeps refusing or not answering: retried hourly, gives up 15 days after the first failure. One
 * whose SKU the WMS item master lacks is held at its first try instead (the error library, docs/rules.md#r6).
 */
function failingOrderDelivery(ctx: Ctx): DeliveryPlan {
  const { rng, plan, placedAt, now, merchant } = ctx;
  const first = placedAt + MIN;
  const transient = rng.chance(0.75);
  const picked = transient ? { ...rng.pick(TRANSIENT_WMS_ERRORS), code: null } : rng.pick(OTHER_WMS_ERRORS);
  const error = picked.code === "sku_not_found" && !merchant.missingSku ? OTHER_WMS_ERRORS[0]! : picked;
  if (error.code === "sku_not_found") return skuMissingDelivery(ctx, error);
  const attempts = hourlyFailures(first, now);
  const last = attempts[attempts.length - 1] ?? first;
  const message = error.message;
  return orderDelivery(ctx, {
    status: "retrying",
    attempts: attempts.length,
    consecutiveFailures: attempts.length,
    firstFailureAt: new Date(first),
    lastAttemptAt: new Date(last),
    nextAttemptAt: new Date(last + HOUR),
    giveUpAt: new Date(first + 15 * DAY),
    lastError: message,
    lastErrorCode: error.code,
    lastHttpStatus: error.status,
    alert: {
      kind: "order_send_failed",
      message,
      errorCode: error.code,
      httpStatus: error.status,
      orderNumber: plan.orderNumber,
      occurrences: attempts.length,
      firstSeenAt: new Date(first),
      lastSeenAt: new Date(last),
      giveUpAt: new Date(first + 15 * DAY),
      dedupeKey: "",
      events: attempts.map((at, n) => ({
        type: n === 0 ? ("raised" as const) : ("retry_failed" as const),
        detail: n === 0 ? `HTTP ${error.status}: ${message}` : `Attempt ${n + 1} failed: HTTP ${error.status}`,
        at: new Date(at),
      })),
    },
  });
}

/** An order with the SKU the WMS item master lacks: refused once, held, waiting for a SKU mapping or the item. */
function skuMissingDelivery(ctx: Ctx, error: { status: number; code: string; message: string }): DeliveryPlan {
  const { plan, placedAt, merchant } = ctx;
  const sku = merchant.missingSku!;
  const name = merchant.products.find(([s]) => s === sku)?.[1];
  plan.lines[0] = { sku, name, quantity: plan.lines[0]?.quantity ?? 1 };
  plan.status = "held";
  const at = new Date(placedAt + MIN);
  const message = `${error.message} (SKU ${sku})`;
  return orderDelivery(ctx, {
    status: "held",
    attempts: 1,
    consecutiveFailures: 1,
    firstFailureAt: at,
    lastAttemptAt: at,
    lastError: message,
    lastErrorCode: error.code,
    lastHttpStatus: error.status,
    alert: {
      kind: "order_send_failed",
      needsPerson: true,
      message,
      errorCode: error.code,
      httpStatus: error.status,
      orderNumber: plan.orderNumber,
      productCode: sku,
      firstSeenAt: at,
      lastSeenAt: at,
      dedupeKey: "",
      events: [
        {
          type: "raised",
          detail: `HTTP ${error.status}: ${message} SKU ${sku} is not in the WMS item master (error library: extensiv.sku_not_in_item_master). Held until someone updates the order; it is not retried.`,
          at,
        },
      ],
    },
  });
}

/** An order that failed for 15 days and was skipped: a person can resend it once corrected. */
function skippedOrderDelivery(ctx: Ctx): DeliveryPlan {
  const { rng, plan, placedAt } = ctx;
  const first = placedAt + MIN;
  const giveUp = first + 15 * DAY;
  const error = rng.pick(TRANSIENT_WMS_ERRORS);
  const attempts = 15 * 24 + 1;
  return orderDelivery(ctx, {
    status: "skipped",
    attempts,
    consecutiveFailures: attempts,
    firstFailureAt: new Date(first),
    lastAttemptAt: new Date(giveUp),
    giveUpAt: new Date(giveUp),
    lastError: error.message,
    lastHttpStatus: error.status,
    alert: {
      kind: "record_skipped",
      needsPerson: true,
      message: error.message,
      httpStatus: error.status,
      orderNumber: plan.orderNumber,
      firstSeenAt: new Date(giveUp),
      lastSeenAt: new Date(giveUp),
      giveUpAt: new Date(giveUp),
      dedupeKey: "",
      events: [
        {
          type: "skipped",
          detail: `Skipped after ${attempts} attempts over 15 days. Last answer: HTTP ${error.status}. Resend it to the WMS once corrected.`,
          at: new Date(giveUp),
        },
      ],
    },
  });
}

/** An order the WMS accepted: some only after a few hourly retries, and shipped ones push tracking to the cart. */
function planSent(ctx: Ctx) {
  const { rng, plan, placedAt, now } = ctx;
  const healedAfter = rng.chance(0.18) ? rng.int(2, 6) : 0;
  const acceptedAt = placedAt + MIN + healedAfter * HOUR;
  const delivery = orderDelivery(ctx, {
    status: "succeeded",
    attempts: healedAfter + 1,
    lastAttemptAt: new Date(acceptedAt),
    updatedAt: new Date(acceptedAt),
  });
  if (healedAfter > 0) delivery.alert = healedAlert(rng, plan.orderNumber, placedAt + MIN, healedAfter);
  plan.deliveries.push(delivery);
  if (plan.status !== "shipped") return;
  const shippedAt = Math.min(acceptedAt + rng.int(4, 30) * HOUR, now - 10 * MIN);
  const carrier = rng.pick(CARRIERS);
  const payload = { orderNumber: plan.orderNumber, carrier, trackingNumber: trackingNumber(rng, carrier) };
  const failing = rng.chance(0.08);
  const base = {
    target: "cart" as const,
    kind: "tracking_to_cart" as const,
    payload,
    createdAt: new Date(shippedAt),
    updatedAt: new Date(shippedAt),
  };
  if (!failing) {
    plan.deliveries.push({ ...base, status: "succeeded", attempts: 1, lastAttemptAt: new Date(shippedAt) });
    return;
  }
  const error = rng.pick(TRACKING_ERRORS);
  if (rng.chance(0.3) || shippedAt < now - 2 * DAY) {
    plan.deliveries.push(dismissedTracking(base, plan.orderNumber, error, shippedAt));
    return;
  }
  const syncs = Math.max(1, Math.floor((now - shippedAt) / (15 * MIN)));
  const lastAt = shippedAt + (syncs - 1) * 15 * MIN;
  plan.deliveries.push({
    ...base,
    status: "retrying",
    attempts: syncs,
    consecutiveFailures: syncs,
    firstFailureAt: new Date(shippedAt),
    lastAttemptAt: new Date(lastAt),
    nextAttemptAt: new Date(lastAt + 15 * MIN),
    giveUpAt: new Date(shippedAt + 3 * DAY),
    lastError: error.message,
    lastHttpStatus: error.status,
    alert: {
      kind: "tracking_push_failed",
      message: error.message,
      httpStatus: error.status,
      orderNumber: plan.orderNumber,
      occurrences: syncs,
      firstSeenAt: new Date(shippedAt),
      lastSeenAt: new Date(lastAt),
      giveUpAt: new Date(shippedAt + 3 * DAY),
      dedupeKey: "",
      events: [
        { type: "raised", detail: `HTTP ${error.status}: ${error.message}`, at: new Date(shippedAt) },
        ...(syncs > 1
          ? [
              {
                type: "retry_failed" as const,
                detail: `Retried at each 15-minute sync, ${syncs - 1} more times; still HTTP ${error.status}.`,
                at: new Date(lastAt),
              },
            ]
          : []),
      ],
    },
  });
}

/** A tracking push someone settled by hand in the cart, then dismissed (the seed sets who). */
function dismissedTracking(
  base: Pick<DeliveryPlan, "target" | "kind" | "payload" | "createdAt" | "updatedAt">,
  orderNumber: string,
  error: { status: number; message: string },
  shippedAt: number,
): DeliveryPlan {
  const dismissedAt = new Date(shippedAt + 3 * HOUR);
  return {
    ...base,
    status: "skipped",
    attempts: 12,
    consecutiveFailures: 12,
    firstFailureAt: new Date(shippedAt),
    lastAttemptAt: new Date(shippedAt + 165 * MIN),
    lastError: error.message,
    lastHttpStatus: error.status,
    alert: {
      kind: "tracking_push_failed",
      state: "dismissed",
      message: error.message,
      httpStatus: error.status,
      orderNumber,
      occurrences: 12,
      firstSeenAt: new Date(shippedAt),
      lastSeenAt: new Date(shippedAt + 165 * MIN),
      dismissedAt,
      dedupeKey: "",
      events: [
        { type: "raised", detail: `HTTP ${error.status}: ${error.message}`, at: new Date(shippedAt) },
        {
          type: "retry_failed",
          detail: `Retried at each 15-minute sync, 11 more times; still HTTP ${error.status}.`,
          at: new Date(shippedAt + 165 * MIN),
        },
        { type: "dismissed", detail: "Tracking entered by hand in the cart admin.", at: dismissedAt },
      ],
    },
  };
}

function healedAlert(rng: Random, orderNumber: string, first: number, failures: number): AlertPlan {
  const error = rng.pick(TRANSIENT_WMS_ERRORS);
  const healedAt = first + failures * HOUR;
  return {
    kind: "order_send_failed",
    state: "resolved",
    message: error.message,
    httpStatus: error.status,
    orderNumber,
    occurrences: failures,
    firstSeenAt: new Date(first),
    lastSeenAt: new Date(first + (failures - 1) * HOUR),
    giveUpAt: new Date(first + 15 * DAY),
    resolvedAt: new Date(healedAt),
    dedupeKey: "",
    events: [
      ...hourlyFailures(first, first + (failures - 1) * HOUR).map((at, n) => ({
        type: n === 0 ? ("raised" as const) : ("retry_failed" as const),
        detail: n === 0 ? `HTTP ${error.status}: ${error.message}` : `Attempt ${n + 1} failed: HTTP ${error.status}`,
        at: new Date(at),
      })),
      { type: "resolved", detail: `Resolved automatically: attempt ${failures + 1} was accepted by the WMS.`, at: new Date(healedAt) },
    ],
  };
}

function trackingNumber(rng: Random, carrier: (typeof CARRIERS)[number]): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
  if (carrier === "UPS") return `1Z999AA1${digits(10)}`;
  if (carrier === "FedEx") return digits(12);
  return `9400111899${digits(12)}`;
}

/** Inventory pushes to the cart: most succeed, a few keep failing. */
export function planInventory(rng: Random, merchant: Merchant, now: number): DeliveryPlan[] {
  return merchant.products.map(([sku], n) => {
    const at = now - rng.int(1, 40) * HOUR;
    const payload = { sku, quantity: rng.int(0, 240) };
    const base = {
      target: "cart" as const,
      kind: "inventory_to_cart" as const,
      sku,
      payload,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    };
    if (n === 2) return healedInventory(base, sku, at);
    if (n > 2) return { ...base, status: "succeeded" as const, attempts: 1, lastAttemptAt: new Date(at) };
    const error = INVENTORY_ERRORS[n % INVENTORY_ERRORS.length]!;
    const syncs = Math.floor((now - at) / (15 * MIN)) || 1;
    const lastAt = at + (syncs - 1) * 15 * MIN;
    return {
      ...base,
      status: "retrying" as const,
      attempts: syncs,
      consecutiveFailures: syncs,
      firstFailureAt: new Date(at),
      lastAttemptAt: new Date(lastAt),
      nextAttemptAt: new Date(lastAt + 15 * MIN),
      giveUpAt: new Date(at + 3 * DAY),
      lastError: error.message,
      lastHttpStatus: error.status,
      alert: {
        kind: "inventory_push_failed" as const,
        message: error.message,
        httpStatus: error.status,
        productCode: sku,
        occurrences: syncs,
        firstSeenAt: new Date(at),
        lastSeenAt: new Date(lastAt),
        giveUpAt: new Date(at + 3 * DAY),
        dedupeKey: "",
        events: [
          { type: "raised" as const, detail: `HTTP ${error.status}: ${error.message}`, at: new Date(at) },
          { type: "retry_failed" as const, detail: `Retried at each 15-minute sync, ${syncs - 1} more times.`, at: new Date(lastAt) },
        ],
      },
    };
  });
}

function healedInventory(base: Omit<DeliveryPlan, "status">, sku: string, at: number): DeliveryPlan {
  const healedAt = new Date(at + 30 * MIN);
  const error = INVENTORY_ERRORS[2]!;
  return {
    ...base,
    status: "succeeded",
    attempts: 3,
    lastAttemptAt: healedAt,
    alert: {
      kind: "inventory_push_failed",
      state: "resolved",
      message: error.message,
      httpStatus: error.status,
      productCode: sku,
      occurrences: 2,
      firstSeenAt: new Date(at),
      lastSeenAt: new Date(at + 15 * MIN),
      resolvedAt: healedAt,
      dedupeKey: "",
      events: [
        { type: "raised", detail: `HTTP ${error.status}: ${error.message}`, at: new Date(at) },
        { type: "retry_failed", detail: `Attempt 2 failed: HTTP ${error.status}`, at: new Date(at + 15 * MIN) },
        { type: "resolved", detail: "Resolved automatically: attempt 3 was accepted by the cart.", at: healedAt },
      ],
    },
  };
}
