import { test } from "@playwright/test";
import { and, eq, like } from "drizzle-orm";
import { alerts, deliveries, errorRules, orders } from "../db/schema";
import { MERCHANTS, WMS_SKU_FOR_MISSING } from "../db/seed/catalog";
import { DEMO_USERS, e2eDb, merchantId, signIn } from "./fixtures";
import { expect, SLOW_TEST_TIMEOUT } from "./order-fixtures";

// The error library (docs/error-library.md): plain explanations, fix once release all, and rules people teach it.
test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

const MISSING = MERCHANTS.find((m) => m.missingSku)!.missingSku!;

async function heldOnSku(sku: string) {
  return e2eDb()
    .selectDistinct({ id: orders.id, orderNumber: orders.orderNumber })
    .from(alerts)
    .innerJoin(orders, eq(orders.id, alerts.orderId))
    .innerJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
    .where(and(eq(alerts.state, "open"), eq(alerts.productCode, sku), eq(deliveries.status, "held")));
}

test("a SKU the WMS does not know is one card; one SKU mapping releases every order held on it", async ({ page }) => {
  const held = await heldOnSku(MISSING);
  expect(held.length).toBeGreaterThan(1);
  await signIn(page, DEMO_USERS.warehouseAdmin.email);

  // One card for the shared diagnosis and subject, with its one action.
  const card = page.getByTestId("sku-group").filter({ hasText: MISSING });
  await expect(card).toContainText(`SKU ${MISSING} is not in the WMS item master — ${held.length} orders held`);
  await card.getByRole("link", { name: "Fix it" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/sku-mappings\\?sku=${MISSING}$`));

  const item = page.getByTestId("held-sku").filter({ hasText: MISSING });
  await expect(item.getByTestId("held-count")).toHaveText(`${held.length} orders held`);
  await item.getByLabel("WMS SKU").fill(WMS_SKU_FOR_MISSING);
  await item.getByRole("button", { name: `Map and release ${held.length} orders` }).click();
  await expect(page.getByTestId("mapping-result")).toHaveText(
    `Mapped ${MISSING} → ${WMS_SKU_FOR_MISSING}: ${held.length} orders sent, 0 still failing.`,
  );
  await expect(page.getByTestId("sku-mappings")).toContainText(WMS_SKU_FOR_MISSING);
  await expect(page.getByTestId("held-skus")).toHaveCount(0);

  // Every order that was held on it is at the WMS, sent with the WMS's SKU, and its alert is resolved.
  for (const { id } of held) {
    const [order] = await e2eDb().select().from(orders).where(eq(orders.id, id));
    expect(order!.status).toBe("at_wms");
    const [record] = await e2eDb()
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.orderId, id), eq(deliveries.kind, "order_to_wms")));
    expect((record!.payload as { lines: { sku: string }[] }).lines.map((l) => l.sku)).toContain(WMS_SKU_FOR_MISSING);
    const orderAlerts = await e2eDb().select().from(alerts).where(eq(alerts.orderId, id));
    expect(orderAlerts.every((a) => a.state === "resolved")).toBe(true);
  }
});

test("a rule made from an alert changes exactly the open alerts it previewed", async ({ page }) => {
  const db = e2eDb();
  const [sample] = await db
    .select()
    .from(alerts)
    .where(
      and(eq(alerts.state, "open"), eq(alerts.kind, "order_send_failed"), like(alerts.message, "Internal Server Error: Deadlock found%")),
    )
    .limit(1);
  expect(sample).toBeTruthy();
  const snapshot = async () =>
    new Map(
      (await db.select({ id: alerts.id, needsPerson: alerts.needsPerson }).from(alerts).where(eq(alerts.state, "open"))).map((a) => [
        a.id,
        a.needsPerson,
      ]),
    );
  const before = await snapshot();

  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto(`/alerts/${sample!.id}`);
  await expect(page.getByTestId("explanation-headline")).toHaveText("The WMS's database was busy and gave up on this order");
  await expect(page.getByTestId("remote-message")).toHaveText(sample!.message);
  await page.getByTestId("teach-link").click();
  await expect(page.getByLabel("The message contains")).toHaveValue(
    "Internal Server Error: Deadlock found when trying to get lock; try restarting transaction.",
  );
  await page.getByLabel("The message contains").fill("Deadlock found");
  await page.getByLabel(/Needs a person/).check();
  await page.getByRole("button", { name: "Preview the open alerts it changes" }).click();
  const previewed = page.getByTestId("preview-alert");
  await expect(previewed.first()).toBeVisible();
  const ids = (await previewed.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-alert-id"))))).sort((a, b) => a - b);
  expect(ids).toContain(sample!.id);
  await page.getByTestId("save-rule").click();
  await expect(page.getByTestId("rule-result")).toContainText(`open ${ids.length === 1 ? "alert" : "alerts"} changed`);

  const after = await snapshot();
  const changed = [...after]
    .filter(([id, needsPerson]) => before.get(id) !== needsPerson)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  expect(changed).toEqual(ids);
  expect(changed.every((id) => after.get(id) === true)).toBe(true);

  // The rule is listed with who made it; the alert says a warehouse rule decides it now.
  await page.goto("/settings/error-library");
  await expect(page.getByTestId("error-rule").filter({ hasText: "Deadlock found" })).toContainText(
    `Made by ${DEMO_USERS.warehouseAdmin.name}`,
  );
  await page.goto(`/alerts/${sample!.id}`);
  await expect(page.getByTestId("rule-made-by")).toContainText(DEMO_USERS.warehouseAdmin.name);
  const [rule] = await db.select().from(errorRules).where(eq(errorRules.messageContains, "Deadlock found"));
  expect(rule!.treatAs).toBe("needs_person");
});

test("a merchant user sees the explanations but cannot make warehouse rules", async ({ page }) => {
  const alder = await merchantId("Alder & Oak Home");
  const [own] = await e2eDb()
    .select()
    .from(alerts)
    .where(and(eq(alerts.accountId, alder), eq(alerts.state, "open")))
    .limit(1);
  await signIn(page, DEMO_USERS.merchantUser.email);
  await expect(page.getByTestId("alert-explanation").first()).toBeVisible();
  await page.goto(`/alerts/${own!.id}`);
  await expect(page.getByTestId("explanation-headline")).not.toBeEmpty();
  await expect(page.getByTestId("explanation-action")).not.toBeEmpty();
  await expect(page.getByTestId("remote-message")).toHaveText(own!.message);
  await expect(page.getByTestId("teach-link")).toHaveCount(0);
  await page.goto("/settings/error-library/new");
  await expect(page.getByTestId("read-only")).toContainText("Only an admin of the warehouse can make error rules");
  await expect(page.getByRole("button", { name: /Save the rule/ })).toHaveCount(0);
  await page.goto("/settings/error-library");
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  // The server refuses too, whatever the page shows: e2e/coverage.spec.ts calls each rule action as this user.
});

test("a ship-to code the WMS does not know is one card; one correction sends every order held on it", async ({ page }) => {
  // Sam is Alder & Oak's: the card and the correction reach Alder & Oak's orders only.
  const alder = await merchantId("Alder & Oak Home");
  const heldOnZZ = (accountId: number) =>
    e2eDb()
      .selectDistinct({ id: orders.id })
      .from(alerts)
      .innerJoin(orders, eq(orders.id, alerts.orderId))
      .innerJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
      .where(and(eq(alerts.state, "open"), eq(alerts.accountId, accountId), like(alerts.message, "%'ZZ'%"), eq(deliveries.status, "held")));
  const held = await heldOnZZ(alder);
  const othersBefore = await heldOnZZ(await merchantId("Bright Trail Outdoor"));
  expect(held.length).toBeGreaterThan(1);
  expect(othersBefore.length).toBeGreaterThan(0);
  await signIn(page, DEMO_USERS.merchantUser.email);

  const card = page.getByTestId("region-group").filter({ hasText: "ZZ" });
  await expect(card).toContainText(`Ship-to code “ZZ” is not one the WMS knows — ${held.length} orders held`);
  // A bad correction is refused inline and changes nothing.
  await card.getByLabel("Correct code").fill("1L");
  await card.getByRole("button", { name: `Correct and send these ${held.length}` }).click();
  await expect(card.getByText("The correct code is a two- or three-letter code such as TX or DE.")).toBeVisible();
  expect(await heldOnZZ(alder)).toHaveLength(held.length);

  await card.getByLabel("Correct code").fill("IL");
  await card.getByRole("button", { name: `Correct and send these ${held.length}` }).click();
  await expect(page.getByTestId("group-fix-notice")).toHaveText(`Corrected ZZ to IL: ${held.length} orders sent, 0 still failing.`);
  for (const { id } of held) {
    const [order] = await e2eDb().select().from(orders).where(eq(orders.id, id));
    expect(order!.status).toBe("at_wms");
    expect(order!.shipTo.region).toBe("IL");
    const orderAlerts = await e2eDb().select().from(alerts).where(eq(alerts.orderId, id));
    expect(orderAlerts.every((a) => a.state === "resolved")).toBe(true);
  }
  await page.reload();
  await expect(page.getByTestId("region-group")).toHaveCount(0);
  // Bright Trail's orders on the same code are another tenant's: untouched.
  expect(await heldOnZZ(await merchantId("Bright Trail Outdoor"))).toHaveLength(othersBefore.length);
});
