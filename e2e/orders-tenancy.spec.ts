import { test } from "@playwright/test";
import { DEMO_USERS, merchantId, signIn } from "./fixtures";
import { SLOW_TEST_TIMEOUT, anOrder, expect, orderFootprint, rewriteOrderIdInActions } from "./order-fixtures";

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

// Sam works for Alder & Oak. Whatever id the browser posts, Bright Trail's order is not found and stays as it was.
test.describe("a merchant user posting another merchant's order id to each action", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_USERS.merchantUser.email);
  });

  const setUp = async () => {
    const own = await anOrder("Alder & Oak Home", "new");
    const theirs = await anOrder("Bright Trail Outdoor", "held", "address_invalid", "'ZZ'");
    return { own, theirs, before: await orderFootprint(theirs.id), ownBefore: await orderFootprint(own.id) };
  };

  test("Resend to WMS gets 'not found' and changes nothing", async ({ page }) => {
    const { own, theirs, before, ownBefore } = await setUp();
    await page.goto(`/orders/${own.id}`);
    const posted = await rewriteOrderIdInActions(page, own.id, theirs.id);
    await page.getByRole("button", { name: "Resend to WMS" }).click();
    await expect(page.getByTestId("resend-result")).toHaveText("Order not found");
    expect(posted.rewritten).toBe(1);
    expect(await orderFootprint(theirs.id)).toEqual(before);
    expect(await orderFootprint(own.id)).toEqual(ownBefore);
  });

  test("Save & resend gets 'not found' and changes nothing", async ({ page }) => {
    const { own, theirs, before, ownBefore } = await setUp();
    await page.goto(`/orders/${own.id}`);
    const posted = await rewriteOrderIdInActions(page, own.id, theirs.id);
    await page.getByLabel("Address line 2").fill("Unit 9");
    await page.getByRole("button", { name: "Save & resend" }).click();
    await expect(page.getByTestId("save-result")).toHaveText("Order not found");
    expect(posted.rewritten).toBe(1);
    expect(await orderFootprint(theirs.id)).toEqual(before);
    expect(await orderFootprint(own.id)).toEqual(ownBefore);
  });

  test("bulk Resend counts it as not found and changes nothing", async ({ page }) => {
    const { own, theirs, before, ownBefore } = await setUp();
    await page.goto(`/orders?q=${encodeURIComponent(own.orderNumber)}`);
    const posted = await rewriteOrderIdInActions(page, own.id, theirs.id);
    await page.getByRole("checkbox", { name: `Select order ${own.orderNumber}` }).check();
    await page.getByRole("button", { name: "Resend 1 to WMS" }).click();
    await expect(page.getByTestId("bulk-summary-counts")).toHaveText("0 sent, 0 still failing, 1 not found");
    expect(posted.rewritten).toBe(1);
    expect(await orderFootprint(theirs.id)).toEqual(before);
    expect(await orderFootprint(own.id)).toEqual(ownBefore);
  });

  test("the list, its filters and the order page show nothing of the other merchant", async ({ page }) => {
    const { theirs } = await setUp();
    await page.goto("/orders");
    await expect(page.getByLabel("Merchant")).toHaveCount(0);
    await expect(page.getByTestId("orders-table")).not.toContainText("BT-");
    // Not even as an example in the search box: its placeholder is the same for every tenant.
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveAttribute("placeholder", "Order number or SKU");
    await page.goto(`/orders?merchant=${await merchantId("Bright Trail Outdoor")}`);
    await expect(page.getByText("No orders match these filters")).toBeVisible();
    await page.goto(`/orders?q=${encodeURIComponent(theirs.orderNumber)}`);
    await expect(page.getByText("No orders match these filters")).toBeVisible();
    expect((await page.goto(`/orders/${theirs.id}`))?.status()).toBe(404);
  });
});
