import { test } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { deliveries, orders } from "../db/schema";
import { DEMO_USERS, e2eDb, merchantId, signIn } from "./fixtures";
import { SLOW_TEST_TIMEOUT, alertsOfOrder, anOrder, expect, orderById } from "./order-fixtures";

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
});

test("filters and search narrow the list, and live in the URL", async ({ page }) => {
  await page.goto("/orders");
  const rows = page.getByTestId("order-row");
  await expect(rows).toHaveCount(50);
  const table = page.getByTestId("orders-table");
  await expect(page.getByLabel("Merchant").getByRole("option")).toHaveText(["All merchants", "Alder & Oak Home", "Bright Trail Outdoor"]);

  // Part of an order number finds it at either merchant.
  await page.getByLabel("Search").fill("10412");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=10412/);
  await expect(rows).toHaveCount(2);
  await expect(rows.getByTestId("order-number")).toHaveText(["BT-10412", "#AO10412"]);

  // A SKU finds every order with a line of it.
  const withStove = await e2eDb()
    .select({ n: sql<number>`count(*)` })
    .from(orders)
    .where(sql`exists (select 1 from json_each(${orders.lines}) where json_extract(value, '$.sku') = 'BT-STOVE-TI')`);
  await page.getByLabel("Search").fill("bt-stove");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(Math.min(50, Number(withStove[0]!.n)));
  await expect(table).not.toContainText("Alder & Oak Home");

  // Merchant and status narrow it further; the search stays.
  await page.getByLabel("Search").fill("");
  await page.getByLabel("Merchant").selectOption({ label: "Alder & Oak Home" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`merchant=${await merchantId("Alder & Oak Home")}`));
  await expect(table).not.toContainText("Bright Trail Outdoor");
  await page
    .getByRole("navigation", { name: "Order status" })
    .getByRole("link", { name: /^Canceled/ })
    .click();
  await expect(page).toHaveURL(/status=canceled/);
  const canceled = rows.count();
  expect(await canceled).toBeGreaterThan(0);
  await expect(rows.getByText("Canceled")).toHaveCount(await canceled);
  await expect(table).not.toContainText("Bright Trail Outdoor");

  // Nothing matching says so, with a way back.
  await page.getByLabel("Search").fill("no-such-order");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No orders match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear the search and filters" }).click();
  await expect(page).toHaveURL(/\/orders\?status=canceled$/);
});

test("bulk Resend to WMS of a filtered set shows its progress and a summary", async ({ page }) => {
  const failing = await e2eDb().select({ id: orders.id }).from(orders).where(eq(orders.status, "error"));
  expect(failing.length).toBeGreaterThan(25);
  // Each call takes a moment, as it would with a slow WMS, so the progress can be seen between calls.
  await page.route("**/orders**", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await page.goto("/orders?status=error&per=25");
  await expect(page.getByTestId("order-row")).toHaveCount(25);

  // Select the page, then the whole filtered set.
  await page.getByRole("checkbox", { name: "Select every order on this page that can be resent" }).check();
  await expect(page.getByTestId("selection-count")).toHaveText("25 selected");
  await expect(page.locator("tr[data-selected]")).toHaveCount(25);
  await page.getByRole("button", { name: `Select all ${failing.length} matching orders` }).click();
  await expect(page.getByTestId("selection-count")).toContainText(`${failing.length} selected`);
  await page.getByRole("button", { name: `Resend ${failing.length} to WMS` }).click();

  const progress = page.getByRole("progressbar", { name: "Resending to the WMS" });
  await expect(page.getByText(`Sending 25 of ${failing.length}…`)).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "25");
  await expect(progress).toHaveAttribute("aria-valuemax", String(failing.length));

  await expect(page.getByTestId("bulk-summary")).toContainText(`Resent ${failing.length} orders to the WMS.`);
  await expect(page.getByTestId("bulk-summary-counts")).toHaveText(`${failing.length} sent, 0 still failing`);
  await expect(progress).toHaveCount(0);
  // The list is refreshed: nothing is failing any more.
  await expect(page.getByText("No orders are failing")).toBeVisible();
  for (const { id } of failing) expect((await orderById(id)).status).toBe("at_wms");
});

test("a skipped order is resent from the Skipped view, which shows why and when it was skipped", async ({ page }) => {
  const order = await anOrder("Alder & Oak Home", "skipped");
  const [delivery] = await e2eDb().select().from(deliveries).where(eq(deliveries.orderId, order.id));
  await page.goto(`/orders?status=skipped&merchant=${order.accountId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Skipped orders");
  const row = page.getByTestId("order-row").filter({ hasText: order.orderNumber });
  await expect(row.getByTestId("order-reason")).toHaveText(delivery!.lastError!);
  const day = delivery!.giveUpAt!.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  await expect(row.getByTestId("order-skipped-on")).toHaveText(day);

  await row.getByRole("button", { name: `Resend order ${order.orderNumber} to WMS` }).click();
  await expect(page.getByTestId("row-notice")).toHaveText(`${order.orderNumber}: Accepted by the WMS.`);
  await expect(row).toHaveCount(0);

  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId("order-status")).toHaveText("At WMS");
  expect((await alertsOfOrder(order.id)).map((a) => a.state)).toEqual(["resolved"]);
});
