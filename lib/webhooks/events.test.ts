import { describe, expect, it } from "vitest";
import { describeEvent, parseWebhookEvent } from "./events";

const shipTo = { name: "Grace Liu", line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" };
const order = { orderNumber: "#WH1001", shipTo, shipMethodLabel: "Standard Shipping", lines: [{ sku: "AO-MUG-STN-12", quantity: 2 }] };

describe("parseWebhookEvent", () => {
  it.each([
    ["order.upserted", order],
    [
      "order.upserted, with an address a WMS will refuse (a person fixes it later)",
      { ...order, shipTo: { name: "A", line1: "Suite 4", city: "X", country: "United States" } },
    ],
    [
      "shipment.created",
      { orderNumber: "#WH1001", carrier: "UPS", trackingNumber: "1Z999AA10123456784", trackingUrl: "https://ups.example/1Z" },
    ],
    [
      "inventory.updated",
      {
        items: [
          { sku: "AO-MUG-STN-12", quantity: 0 },
          { sku: "AO-CNDL-CED-8", quantity: 14 },
        ],
      },
    ],
    ["error.reported", { orderNumber: "#WH1001", code: "requires_action", message: "Hazmat item needs a ground service." }],
    ["error.reported", { sku: "AO-MUG-STN-12", message: "Product variant not found." }],
  ])("accepts %s", (type, data) => {
    const parsed = parseWebhookEvent({ type: type.split(",")[0], data });
    expect(parsed.ok).toBe(true);
  });

  it.each([
    [
      "an unknown type",
      { type: "order.deleted", data: {} },
      { type: "Unknown event type 'order.deleted'; expected one of order.upserted, shipment.created, inventory.updated, error.reported." },
    ],
    ["no type", { data: {} }, { type: expect.stringContaining("Missing event type") }],
    ["an array", [], { "(body)": expect.stringContaining("expected object") }],
    [
      "wrong field types",
      {
        type: "order.upserted",
        data: {
          ...order,
          lines: [
            { sku: "A", quantity: "2" },
            { sku: "", quantity: 1.5 },
          ],
        },
      },
      {
        "data.lines.0.quantity": expect.stringContaining("expected number"),
        "data.lines.1.sku": "Must not be empty.",
        "data.lines.1.quantity": "A whole number.",
      },
    ],
    [
      "a missing address",
      { type: "order.upserted", data: { ...order, shipTo: undefined } },
      { "data.shipTo": expect.stringContaining("expected object") },
    ],
    ["no lines", { type: "order.upserted", data: { ...order, lines: [] } }, { "data.lines": "An order needs at least one line." }],
    [
      "a negative quantity",
      { type: "inventory.updated", data: { items: [{ sku: "A", quantity: -1 }] } },
      { "data.items.0.quantity": "0 or more." },
    ],
    [
      "a SKU twice",
      {
        type: "inventory.updated",
        data: {
          items: [
            { sku: "A", quantity: 1 },
            { sku: "A", quantity: 2 },
          ],
        },
      },
      { "data.items.1.sku": "SKU A appears more than once." },
    ],
    [
      "an error about nothing",
      { type: "error.reported", data: { message: "Broken" } },
      { "data.orderNumber": "Say what the error is about: orderNumber, sku or both." },
    ],
    [
      "a tracking URL that is not http(s)",
      { type: "shipment.created", data: { orderNumber: "#1", carrier: "UPS", trackingNumber: "1", trackingUrl: "javascript:alert(1)" } },
      { "data.trackingUrl": "An http(s) URL." },
    ],
  ])("refuses %s, naming each wrong field", (_, body, fields) => {
    const parsed = parseWebhookEvent(body);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fields).toEqual(fields);
    expect(parsed.message).toContain(Object.keys(fields)[0]);
  });
});

describe("describeEvent", () => {
  it("names what the event is about", () => {
    expect(describeEvent({ type: "order.upserted", data: order })).toBe("#WH1001");
    expect(describeEvent({ type: "shipment.created", data: { orderNumber: "#1", trackingNumber: "1Z" } })).toBe("#1 · 1Z");
    expect(describeEvent({ type: "inventory.updated", data: { items: [{}, {}] } })).toBe("2 SKUs");
    expect(describeEvent(null)).toBe("");
  });
});
