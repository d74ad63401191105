import { WAREHOUSE } from "@/db/seed/catalog";
import { checkAddress } from "./address-check";
import type { TargetState } from "./state";

/** What the sandbox answers for one record; `ref` names the record in the request log. */
export type Answer = { status: number; body: unknown; ref: string | null };

export type RecordRules = {
  /** Share of order numbers that meet a busy WMS before they get through (0–1). */
  flakyRate: number;
  /** How many attempts a flaky order fails before it is accepted. */
  flakyFailures: number;
  archivedSkus: ReadonlySet<string>;
  /** SKUs the WMS item master lacks: an order with one is refused with 422 sku_not_found. */
  missingWmsSkus: ReadonlySet<string>;
};

export const RESOURCES = { wms: ["orders"], cart: ["tracking", "inventory"] } as const;

export function errorAnswer(status: number, code: string, message: string, ref: string | null = null): Answer {
  return { status, body: { error: { code, message } }, ref };
}

/** Applies one record to a target that is up and has authenticated the caller. */
export function handleRecord(target: TargetState, resource: string, body: Record<string, unknown>, rules: RecordRules): Answer {
  if (resource === "orders") return handleOrder(target, body, rules);
  if (resource === "tracking") return handleTracking(body);
  return handleInventory(body, rules);
}

function handleOrder(target: TargetState, body: Record<string, unknown>, rules: RecordRules): Answer {
  const orderNumber = text(body.orderNumber);
  if (!orderNumber) return errorAnswer(400, "invalid_request", "Order rejected: orderNumber is required.");
  if (!Array.isArray(body.lines) || body.lines.length === 0) {
    return errorAnswer(400, "invalid_request", `Order ${orderNumber} rejected: it has no order lines.`, orderNumber);
  }
  const missing = body.lines.map((line) => text((line as { sku?: unknown })?.sku)).find((sku) => rules.missingWmsSkus.has(sku));
  if (missing) return errorAnswer(422, "sku_not_found", `Item SKU not found in customer item master. (SKU ${missing})`, orderNumber);
  const addressProblem = checkAddress(body.shipTo);
  if (addressProblem) return errorAnswer(422, "address_invalid", addressProblem, orderNumber);
  const shipMethod = (body.shipMethod ?? {}) as Record<string, unknown>;
  if (!text(shipMethod.carrier) || !text(shipMethod.serviceCode)) {
    const label = text(shipMethod.label) || "(none)";
    return errorAnswer(
      422,
      "ship_method_unmapped",
      `Ship method '${label}' is not mapped to a carrier service at ${WAREHOUSE.name}.`,
      orderNumber,
    );
  }
  // A busy WMS is what retries are for: a stable share of orders fails a couple of times, then heals.
  if (isFlakyOrder(orderNumber, rules.flakyRate)) {
    const attempt = (target.orderAttempts[orderNumber] ?? 0) + 1;
    target.orderAttempts[orderNumber] = attempt;
    if (attempt <= rules.flakyFailures) {
      return errorAnswer(503, "wms_busy", "503 Service Unavailable: warehouse pick wave in progress, try again later.", orderNumber);
    }
  }
  const wmsOrderId = `NWF-${(stableHash(`${target.id}:${orderNumber}`) % 900_000) + 100_000}`;
  return { status: 200, body: { ok: true, orderNumber, wmsOrderId, status: "received" }, ref: orderNumber };
}

function handleTracking(body: Record<string, unknown>): Answer {
  const orderNumber = text(body.orderNumber);
  const carrier = text(body.carrier);
  const trackingNumber = text(body.trackingNumber);
  if (!orderNumber || !carrier || !trackingNumber) {
    return errorAnswer(
      400,
      "invalid_request",
      "Fulfillment rejected: orderNumber, carrier and trackingNumber are required.",
      orderNumber || null,
    );
  }
  const fulfillmentId = `ful_${stableHash(`${orderNumber}:${trackingNumber}`).toString(36)}`;
  return { status: 200, body: { ok: true, orderNumber, fulfillmentId }, ref: orderNumber };
}

function handleInventory(body: Record<string, unknown>, rules: RecordRules): Answer {
  const sku = text(body.sku);
  const quantity = body.quantity;
  if (!sku) return errorAnswer(400, "invalid_request", "Inventory update rejected: sku is required.");
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 0) {
    return errorAnswer(
      400,
      "invalid_request",
      `Inventory update rejected: quantity for SKU ${sku} must be a whole number of 0 or more.`,
      sku,
    );
  }
  if (rules.archivedSkus.has(sku)) {
    return errorAnswer(404, "product_not_found", `Product variant not found for SKU ${sku}; it may have been archived in the cart.`, sku);
  }
  return { status: 200, body: { ok: true, sku, available: quantity }, ref: sku };
}

/** Deterministic, so the same orders are flaky on every run and a demo can be replayed. */
export function isFlakyOrder(orderNumber: string, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return stableHash(orderNumber) % 10_000 < rate * 10_000;
}

/** FNV-1a, 32 bit: stable across runs and platforms, unlike anything seeded by the process. */
export function stableHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The record's order number or SKU, read before validation so even a rejected request is logged by name. */
export function recordRef(body: Record<string, unknown>): string | null {
  return text(body.orderNumber) || text(body.sku) || null;
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}
