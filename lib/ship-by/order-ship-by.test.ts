import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cutoffSettings } from "@/db/schema";
import { parseWebhookEvent } from "../webhooks/events";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { makeWorld } from "../testing/world";
import { orderShipBy } from "./order-ship-by";

const NOW = new Date("2026-11-25T15:00:00Z");
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

const order = {
  orderNumber: "#1",
  shipTo: { name: "A", line1: "1 St", city: "X", country: "US" },
  shipMethodLabel: "Standard",
  lines: [{ sku: "S", quantity: 1 }],
};

describe("docs/ship-by.md: an order's ship-by comes from the cart, else the warehouse's cutoff rules", () => {
  it("order.upserted's optional shipBy is an ISO 8601 date-time; anything else is refused naming the field", () => {
    expect(parseWebhookEvent({ type: "order.upserted", data: { ...order, shipBy: "2026-11-26T20:00:00Z" } }).ok).toBe(true);
    expect(parseWebhookEvent({ type: "order.upserted", data: order }).ok).toBe(true);
    const bad = parseWebhookEvent({ type: "order.upserted", data: { ...order, shipBy: "tomorrow" } });
    expect(bad).toMatchObject({ ok: false, fields: { "data.shipBy": "An ISO 8601 date-time such as 2026-11-26T14:05:00Z." } });
  });

  it("the cart's wins; without it the rules of the merchant's warehouse; without rules, none", async () => {
    const w = await makeWorld(database.db, NOW);
    const placed = { placedAt: NOW, shipMethodLabel: "Standard" };
    expect(await orderShipBy(database.db, w.merchant.id, placed)).toEqual({ shipBy: null, shipBySource: null });
    await database.db.insert(cutoffSettings).values({ warehouseId: w.warehouse.id, timeZone: "America/Chicago", updatedAt: NOW });
    expect(await orderShipBy(database.db, w.merchant.id, placed)).toEqual({
      shipBy: new Date("2026-11-25T20:00:00Z"),
      shipBySource: "cutoff",
    });
    expect(await orderShipBy(database.db, w.merchant.id, { ...placed, shipBy: "2026-11-27T12:00:00Z" })).toEqual({
      shipBy: new Date("2026-11-27T12:00:00Z"),
      shipBySource: "cart",
    });
  });
});
