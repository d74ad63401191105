import { test } from "@playwright/test";
import { and, desc, eq, like } from "drizzle-orm";
import { deliveries, orders } from "../db/schema";
import { DEMO_USERS, e2eDb, merchantId, signIn } from "./fixtures";
import { SLOW_TEST_TIMEOUT, expect, orderById } from "./order-fixtures";

// R9 in the browser: a page opened before the order changed, and a page opened while a worker sends it.

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

/** The newest held order of a merchant whose WMS answer matches: the other specs take the oldest ones. */
async function newestHeld(merchant: string, messageLike: string, skip = 0) {
  const rows = await e2eDb()
    .select({ order: orders, delivery: deliveries })
    .from(orders)
    .innerJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms")))
    .where(and(eq(orders.accountId, await merchantId(merchant)), eq(orders.status, "held"), like(deliveries.lastError, `%${messageLike}%`)))
    .orderBy(desc(orders.id))
    .limit(skip + 1);
  const row = rows[skip];
  if (!row) throw new Error(`no held order of ${merchant} like ${messageLike}`);
  return row;
}

test("a page opened before someone else's fix was accepted refuses Save & resend and Resend, and sends nothing", async ({
  page,
  browser,
}) => {
  const { order, delivery } = await newestHeld("Bright Trail Outdoor", "postal code '9002'");
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByLabel("Postal code")).toHaveValue("9002");

  // Meanwhile a colleague fixes the same order in another browser, and the WMS accepts it.
  const other = await browser.newContext();
  const merchantPage = await other.newPage();
  await signIn(merchantPage, DEMO_USERS.warehouseMember.email);
  await merchantPage.goto(`/orders/${order.id}`);
  await merchantPage.getByLabel("Postal code").fill("90028");
  await merchantPage.getByRole("button", { name: "Save & resend" }).click();
  await expect(merchantPage.getByTestId("save-result")).toHaveText("Saved. Accepted by the WMS.");
  await other.close();
  const accepted = await orderById(order.id);
  expect(accepted).toMatchObject({ status: "at_wms", payloadVersion: 2 });

  // The first page still shows the old form: its save is refused, says why, and changes nothing.
  await page.getByLabel("Postal code").fill("90210");
  await page.getByRole("button", { name: "Save & resend" }).click();
  await expect(page.getByTestId("save-result")).toContainText(`Order ${order.orderNumber} was accepted by`);
  await expect(page.getByTestId("save-result")).toContainText("Nothing was changed or sent");
  await page.getByRole("button", { name: "Resend to WMS" }).click();
  await expect(page.getByTestId("resend-result")).toContainText("Nothing was changed or sent");
  expect(await orderById(order.id)).toEqual(accepted);
  const [after] = await e2eDb().select().from(deliveries).where(eq(deliveries.id, delivery.id));
  expect(after).toMatchObject({ status: "succeeded", attempts: delivery.attempts + 1, payloadVersion: 2 });

  // Reloaded, the page shows the order as the WMS has it, locked.
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("At WMS");
  await expect(page.getByTestId("ship-to")).toContainText("90028");
  await expect(page.getByRole("button", { name: "Save & resend" })).toHaveCount(0);
});

test("while a worker is sending the order, its page says so and Save & resend and Resend wait", async ({ page }) => {
  const { order, delivery } = await newestHeld("Bright Trail Outdoor", "postal code '9002'");
  const db = e2eDb();
  const leaseExpiresAt = new Date(Date.now() + 4 * 60_000);
  await db.update(deliveries).set({ leaseOwner: "e2e-worker", leaseExpiresAt }).where(eq(deliveries.id, delivery.id));
  try {
    await signIn(page, DEMO_USERS.warehouseAdmin.email);
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByTestId("sending-now")).toContainText("Being sent right now");
    await expect(page.getByTestId("sending-now")).toContainText("waiting for its answer");
    await expect(page.getByRole("button", { name: "Save & resend" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Resend to WMS" })).toBeDisabled();
  } finally {
    await db.update(deliveries).set({ leaseOwner: null, leaseExpiresAt: null }).where(eq(deliveries.id, delivery.id));
  }
  await page.reload();
  await expect(page.getByTestId("sending-now")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save & resend" })).toBeEnabled();
  expect(await orderById(order.id)).toEqual(order);
});

test("a bulk Resend skips an order edited since the list was shown, and says so", async ({ page }) => {
  const first = await newestHeld("Bright Trail Outdoor", "postcode is required");
  const second = await newestHeld("Bright Trail Outdoor", "postcode is required", 1);
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto(`/orders?status=held&merchant=${first.order.accountId}`);
  await page.getByRole("checkbox", { name: `Select order ${first.order.orderNumber}` }).check();
  await page.getByRole("checkbox", { name: `Select order ${second.order.orderNumber}` }).check();

  // Someone edits the first order after the list was shown (its version moves on).
  await e2eDb()
    .update(orders)
    .set({ payloadVersion: first.order.payloadVersion + 1 })
    .where(eq(orders.id, first.order.id));
  await page.getByRole("button", { name: "Resend 2 to WMS" }).click();
  await expect(page.getByTestId("bulk-summary-counts")).toContainText(
    "1 skipped because it changed since you chose it (1 edited by someone else)",
  );
  const [untouched] = await e2eDb().select().from(deliveries).where(eq(deliveries.id, first.delivery.id));
  expect(untouched!.attempts).toBe(first.delivery.attempts);
  const [resent] = await e2eDb().select().from(deliveries).where(eq(deliveries.id, second.delivery.id));
  expect(resent!.attempts).toBe(second.delivery.attempts + 1);
});
