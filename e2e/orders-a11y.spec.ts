import AxeBuilder from "@axe-core/playwright";
import { test, type Page } from "@playwright/test";
import { DEMO_USERS, signIn } from "./fixtures";
import { SLOW_TEST_TIMEOUT, anOrder, expect } from "./order-fixtures";

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

/** Serious and critical violations only: what blocks or badly hinders someone using a keyboard or a screen reader. */
async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  expect(serious).toEqual([]);
}

const heldOrder = () => anOrder("Bright Trail Outdoor", "held", "address_invalid", "postal code '9002'");

test.describe("axe finds no serious or critical violations", () => {
  for (const path of ["/orders", "/orders?status=skipped", "/orders?status=held&q=BT", "/settings/ship-methods"]) {
    test(`on ${path} for the warehouse user`, async ({ page }) => {
      await signIn(page, DEMO_USERS.warehouseAdmin.email);
      await page.goto(path);
      await expectNoSeriousViolations(page);
    });
  }

  test("on the Orders page with a selection", async ({ page }) => {
    await signIn(page, DEMO_USERS.warehouseAdmin.email);
    // Every status: far more resendable orders than a page holds, whatever the specs before this one fixed.
    await page.goto("/orders?per=25");
    await page.getByRole("checkbox", { name: "Select every order on this page that can be resent" }).check();
    await expect(page.getByRole("button", { name: /Select all \d+ matching orders/ })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("on the order-fix page, before and with inline errors", async ({ page }) => {
    const held = await heldOrder();
    await signIn(page, DEMO_USERS.warehouseAdmin.email);
    await page.goto(`/orders/${held.id}`);
    await expectNoSeriousViolations(page);
    await page.getByLabel("City").fill("");
    await page.getByRole("button", { name: "Save & resend" }).click();
    await expect(page.getByTestId("field-error").first()).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  for (const path of ["/orders", "/settings/ship-methods"]) {
    test(`on ${path} for the merchant user`, async ({ page }) => {
      await signIn(page, DEMO_USERS.merchantUser.email);
      await page.goto(path);
      await expectNoSeriousViolations(page);
    });
  }
});
