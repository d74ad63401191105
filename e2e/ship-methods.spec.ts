import { test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { alerts, deliveries, orders, shipMethodMappings } from "../db/schema";
import { DEMO_USERS, e2eDb, merchantId, signIn } from "./fixtures";
import { expect, SLOW_TEST_TIMEOUT } from "./order-fixtures";

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

async function heldOn(label: string) {
  return e2eDb()
    .select({ id: orders.id, orderNumber: orders.orderNumber })
    .from(orders)
    .innerJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms")))
    .where(and(eq(orders.shipMethodLabel, label), eq(deliveries.status, "held")));
}

test("mapping an unmapped ship method releases every order held on it and resolves their alerts", async ({ page }) => {
  const held = await heldOn("Economy International");
  expect(held.length).toBeGreaterThan(2);
  await signIn(page, DEMO_USERS.warehouseAdmin.email);

  // From a held order, the fix page links straight to that label's mapping form.
  await page.goto(`/orders/${held[0]!.id}`);
  await expect(page.getByTestId("needs-you")).toContainText("Ship method 'Economy International' is not mapped");
  await page.getByRole("link", { name: "Map 'Economy International' to a carrier service" }).click();
  await expect(page).toHaveURL(/\/settings\/ship-methods\?label=Economy(\+|%20)International$/);

  // Labels holding orders come first, the one holding the most at the top, each with its count.
  const labels = page.getByTestId("unmapped-label");
  await expect(labels.first()).toContainText("Economy International");
  const item = labels.filter({ hasText: "Economy International" });
  await expect(item.getByTestId("held-count")).toHaveText(`${held.length} orders held`);
  await expect(item.getByLabel("Carrier")).toBeFocused();
  await item.getByLabel("Carrier").fill("USPS");
  await item.getByLabel("Service code").fill("usps_first_class_international");
  await item.getByRole("button", { name: `Map and release ${held.length} orders` }).click();

  await expect(page.getByTestId("mapping-result")).toHaveText(
    `Mapped 'Economy International' → USPS usps_first_class_international: ${held.length} orders sent, 0 still failing.`,
  );
  await expect(page.getByTestId("unmapped-labels")).not.toContainText("Economy International");
  await expect(page.getByTestId("mappings")).toContainText("usps_first_class_international");

  // Every order that was held on it is now at the WMS, and its alert is resolved.
  await page.goto(`/orders?method=${encodeURIComponent("Economy International")}&merchant=${await merchantId("Bright Trail Outdoor")}`);
  const rows = page.getByTestId("order-row");
  await expect(rows).toHaveCount(held.length);
  await expect(rows.getByText("At WMS")).toHaveCount(held.length);
  await rows.filter({ hasText: held[1]!.orderNumber }).getByRole("link", { name: held[1]!.orderNumber }).click();
  await expect(page.getByTestId("order-status")).toHaveText("At WMS");
  await expect(page.getByTestId("order-alerts")).toContainText("Resolved");
  for (const { id } of held) {
    const orderAlerts = await e2eDb().select().from(alerts).where(eq(alerts.orderId, id));
    expect(orderAlerts.map((a) => a.state)).toEqual(["resolved"]);
  }
});

test("a mapping with a bad service code is refused at the field and releases nothing", async ({ page }) => {
  const held = await heldOn("Free Shipping");
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto("/settings/ship-methods");
  const item = page.getByTestId("unmapped-label").filter({ hasText: "Free Shipping" });
  await item.getByLabel("Carrier").fill("USPS");
  await item.getByLabel("Service code").fill("usps ground");
  await item.getByRole("button", { name: /Map and release/ }).click();
  await expect(item.getByTestId("field-error")).toHaveText(
    "Service code is the WMS's code, such as usps_ground_advantage: letters, digits and _ . : - only.",
  );
  await expect(item.getByLabel("Service code")).toHaveAttribute("aria-invalid", "true");
  await expect(item.getByLabel("Service code")).toHaveValue("usps ground");
  expect(await e2eDb().select().from(shipMethodMappings).where(eq(shipMethodMappings.cartLabel, "Free Shipping"))).toEqual([]);
  expect(await heldOn("Free Shipping")).toEqual(held);
});

test("a merchant user sees the mappings and its held labels, read-only", async ({ page }) => {
  await signIn(page, DEMO_USERS.merchantUser.email);
  await page.goto("/settings/ship-methods");
  await expect(page.getByTestId("read-only")).toContainText("Ship methods are mapped by Northwind Fulfillment");
  await expect(page.getByTestId("unmapped-labels")).toContainText("Free Shipping");
  await expect(page.getByTestId("unmapped-labels")).not.toContainText("Economy International");
  await expect(page.getByTestId("mappings")).toContainText("Standard Shipping");
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Map|Edit|Add/ })).toHaveCount(0);
});
