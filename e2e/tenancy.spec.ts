import { expect, test } from "@playwright/test";
import { DEMO_USERS, anOpenAlertOf, anOrderOf, merchantId, openAlertCount, signIn } from "./fixtures";

test.describe("a merchant user sees its own merchant only", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_USERS.merchantUser.email);
  });

  test("the Alerts tab holds none of the other merchant's alerts", async ({ page }) => {
    const own = await merchantId("Alder & Oak Home");
    // Other tests resolve alerts meanwhile: the count shown must match the database as of the page's render.
    await expect(async () => {
      const open = await openAlertCount([own]);
      await page.reload();
      await expect(page.getByTestId("open-alerts-count")).toHaveText(String(open), { timeout: 1_000 });
    }).toPass();
    const list = page.getByTestId("alert-list");
    await expect(list).toBeVisible();
    await expect(list).not.toContainText("Bright Trail");
    await expect(list).not.toContainText("BT-");
  });

  test("another merchant's alert and order are not found", async ({ page }) => {
    const other = await merchantId("Bright Trail Outdoor");
    const alert = await anOpenAlertOf(other);
    const alertPage = await page.goto(`/alerts/${alert.id}`);
    expect(alertPage?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(alert.message);

    const order = await anOrderOf(other);
    const orderPage = await page.goto(`/orders/${order.id}`);
    expect(orderPage?.status()).toBe(404);
  });

  test("its own alert opens with the remote message and history", async ({ page }) => {
    const alert = await anOpenAlertOf(await merchantId("Alder & Oak Home"));
    await page.goto(`/alerts/${alert.id}`);
    await expect(page.getByTestId("remote-message")).toHaveText(alert.message);
    await expect(page.getByTestId("alert-history").locator("li").first()).toBeVisible();
  });
});

test("the settings pages and orders are reachable from the navigation", async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [link, heading] of [
    ["Orders", "Orders"],
    ["Ship methods", "Ship methods"],
    ["Profile & Billing", "Profile & Billing"],
    ["Connections", "Connections"],
    ["Alerts", "Alerts"],
  ] as const) {
    await nav.getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
});
