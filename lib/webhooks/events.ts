import { z } from "zod";
import type { ConnectionKind } from "@/db/schema";

// The events connectors push to `POST /api/webhooks/{connectionId}` (docs/rules.md#w1): one module, so the
// endpoint, the background processing, the JSON Schema at /api/webhooks/schema.json and the docs agree.
//
// The schemas check shape only. An order with an address a WMS will refuse is still an honest event: it is
// stored, sent, held on the WMS's answer and fixed by a person (docs/rules.md#r3) — refusing it here would lose it.

const text = (max: number) => z.string().trim().min(1, "Must not be empty.").max(max, `At most ${max} characters.`);
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).optional();
const instant = z.iso.datetime({ offset: true, error: "An ISO 8601 date-time such as 2026-11-26T14:05:00Z." });

export const OrderNumberInput = text(64).describe("The order number as the cart shows it, e.g. #AO1042.");
export const SkuInput = text(100).describe("The product code (SKU).");

export const WebhookShipToInput = z
  .object({
    name: text(100),
    company: optionalText(100),
    line1: text(200),
    line2: optionalText(200),
    city: text(100),
    region: optionalText(50).describe("State, province or county code, e.g. CA."),
    postalCode: optionalText(20),
    country: text(60).describe("ISO 3166-1 alpha-2 code, e.g. US."),
    phone: optionalText(40),
    email: optionalText(200),
  })
  .describe("Where the order ships to.");

export const OrderLineInput = z.object({
  sku: SkuInput,
  quantity: z.number().int("A whole number.").min(1, "At least 1.").max(1_000_000),
  name: optionalText(200),
});

export const OrderUpsertedInput = z
  .object({
    orderNumber: OrderNumberInput,
    placedAt: instant.optional().describe("When the customer placed the order; defaults to when Fixline received it."),
    shipTo: WebhookShipToInput,
    shipMethodLabel: text(100).describe(
      "The cart's ship-method label, e.g. Standard Shipping; the warehouse maps it to a carrier service.",
    ),
    lines: z.array(OrderLineInput).min(1, "An order needs at least one line.").max(500),
    shipBy: instant
      .optional()
      .describe(
        "When the order must leave the warehouse, if the cart knows (e.g. a promised delivery date); otherwise Fixline computes it from the warehouse's cutoff rules.",
      ),
  })
  .describe("order.upserted (from a cart): a new order, or a change to one that has not reached the WMS.");
export type OrderUpsertedInput = z.infer<typeof OrderUpsertedInput>;

export const ShipmentCreatedInput = z
  .object({
    orderNumber: OrderNumberInput,
    carrier: text(60).describe("e.g. UPS"),
    trackingNumber: text(100),
    trackingUrl: z
      .url({ protocol: /^https?$/, error: "An http(s) URL." })
      .max(500)
      .optional(),
    shippedAt: instant.optional(),
  })
  .describe("shipment.created (from a WMS): an order shipped; its tracking number goes to the cart.");
export type ShipmentCreatedInput = z.infer<typeof ShipmentCreatedInput>;

export const InventoryUpdatedInput = z
  .object({
    items: z
      .array(z.object({ sku: SkuInput, quantity: z.number().int("A whole number.").min(0, "0 or more.").max(1_000_000_000) }))
      .min(1, "At least one SKU.")
      .max(1000, "At most 1,000 SKUs per event; send several events.")
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, index) => {
          if (seen.has(item.sku))
            ctx.addIssue({ code: "custom", path: [index, "sku"], message: `SKU ${item.sku} appears more than once.` });
          seen.add(item.sku);
        });
      }),
  })
  .describe("inventory.updated (from a WMS): available quantities; each goes to the cart.");
export type InventoryUpdatedInput = z.infer<typeof InventoryUpdatedInput>;

export const ErrorReportedInput = z
  .object({
    orderNumber: OrderNumberInput.optional(),
    sku: SkuInput.optional(),
    code: text(64)
      .optional()
      .describe("The system's error code; address_invalid, ship_method_unmapped and requires_action mean a person must act."),
    message: text(2000).describe("Shown verbatim in the alert."),
  })
  .refine((d) => d.orderNumber || d.sku, { path: ["orderNumber"], message: "Say what the error is about: orderNumber, sku or both." })
  .describe("error.reported (from any connection): an error a system found later about an order or a product.");
export type ErrorReportedInput = z.infer<typeof ErrorReportedInput>;

const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    timestamp: instant.optional().describe("When the event happened (optional, informational)."),
    data,
  });

/** `{ type, data }`: the body of every webhook. */
export const WebhookEventInput = z
  .discriminatedUnion("type", [
    event("order.upserted", OrderUpsertedInput),
    event("shipment.created", ShipmentCreatedInput),
    event("inventory.updated", InventoryUpdatedInput),
    event("error.reported", ErrorReportedInput),
  ])
  .meta({
    title: "Fixline webhook event",
    description: "The JSON body of POST /api/webhooks/{connectionId}, signed per Standard Webhooks.",
  });
export type WebhookEventInput = z.infer<typeof WebhookEventInput>;
export type WebhookEventType = WebhookEventInput["type"];

export const EVENT_TYPES = [
  "order.upserted",
  "shipment.created",
  "inventory.updated",
  "error.reported",
] as const satisfies readonly WebhookEventType[];

/** Which kind of connection may send each event. */
export const EVENT_SOURCES: Record<WebhookEventType, readonly ConnectionKind[]> = {
  "order.upserted": ["cart"],
  "shipment.created": ["wms"],
  "inventory.updated": ["wms"],
  "error.reported": ["cart", "wms"],
};

export type EventParse = { ok: true; event: WebhookEventInput } | { ok: false; message: string; fields: Record<string, string> };

/** Validates a parsed JSON body; on failure every wrong field is named by its path (`data.lines.0.quantity`). */
export function parseWebhookEvent(body: unknown): EventParse {
  const parsed = WebhookEventInput.safeParse(body);
  if (parsed.success) return { ok: true, event: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join(".") || "(body)";
    fields[path] ??= issue.code === "invalid_union" && path === "type" ? unknownTypeMessage(body) : issue.message;
  }
  const paths = Object.keys(fields);
  return { ok: false, message: `The event does not match its schema at ${paths.join(", ")}: ${fields[paths[0]!]}`, fields };
}

function unknownTypeMessage(body: unknown): string {
  const type = (body as { type?: unknown } | null)?.type;
  const known = EVENT_TYPES.join(", ");
  return typeof type === "string"
    ? `Unknown event type '${type}'; expected one of ${known}.`
    : `Missing event type; expected one of ${known}.`;
}

/** What an event is about, in a few words, for the list of received events. */
export function describeEvent(payload: unknown): string {
  const data = ((payload as { data?: unknown } | null)?.data ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  if (Array.isArray(data.items)) return `${data.items.length} ${data.items.length === 1 ? "SKU" : "SKUs"}`;
  return [str(data.orderNumber), str(data.sku), str(data.trackingNumber)].filter(Boolean).join(" · ");
}
