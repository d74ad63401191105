import { test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./fixtures";
import { SLOW_TEST_TIMEOUT, alertsOfOrder, anOrder, expect, orderById } from "./order-fixtures";

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

test("an address-invalid alert is fixed on the order page: Save & resend resolves it and the order is At WMS", async ({ page }) => {
  const order = await anOrder("Alder & Oak Home", "held", "address_invalid", "postal code '9002'");
  const [alert] = (await alertsOfOrder(order.id)).filter((a) => a.state === "open");
  await signIn(page, DEMO_USERS.warehouseAdmin.email);

  // The alert's link leads to the order-fix page, which says what is wrong and what to do.
  await page.goto(`/alerts/${alert!.id}`);
  await page.getByRole("link", { name: /(Fix|Open) the order/ }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByTestId("needs-you")).toContainText("postal code '9002' is not a valid 5-digit ZIP code");
  const postal = page.getByLabel("Postal code");
  await expect(postal).toHaveValue("9002");

  // A correction of the wrong shape is refused at the field, keeps what was typed, and saves nothing.
  await postal.fill("9002A");
  await page.getByRole("button", { name: "Save & resend" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Postal code '9002A' is not valid for US (e.g. 94105 or 94105-1234).");
  await expect(page.getByTestId("save-result")).toHaveText("Check the highlighted fields.");
  await expect(postal).toHaveAttribute("aria-invalid", "true");
  await expect(postal).toBeFocused();
  await expect(postal).toHaveValue("9002A");
  expect((await orderById(order.id)).shipTo.postalCode).toBe("9002");

  await postal.fill("90028");
  await page.getByRole("button", { name: "Save & resend" }).click();
  await expect(page.getByTestId("save-result")).toHaveText("Saved. Accepted by the WMS.");
  await expect(page.getByTestId("order-status")).toHaveText("At WMS");
  await expect(page.getByTestId("needs-you")).toHaveCount(0);
  await expect(page.getByTestId("delivery-order_to_wms")).toContainText("Delivered");
  await expect(page.getByTestId("ship-to")).toContainText("Los Angeles, CA, 90028");

  // The alert resolved itself, and its history says who did what.
  await page.goto(`/alerts/${alert!.id}`);
  await expect(page.getByText("Resolved", { exact: true }).first()).toBeVisible();
  const history = page.getByTestId("alert-history");
  await expect(history).toContainText(`Edited by ${DEMO_USERS.warehouseAdmin.name}`);
  await expect(history).toContainText(`Resolved by ${DEMO_USERS.warehouseAdmin.name}`);
  await expect(history).toContainText("Sent by hand and accepted by");
});

test("required fields and the postal code shape of the chosen country are checked inline", async ({ page }) => {
  const order = await anOrder("Bright Trail Outdoor", "held", "address_invalid", "postcode is required for destination country GB");
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByLabel("Country")).toHaveValue("GB");
  await expect(page.getByText("e.g. W1S 1HT")).toBeVisible();

  await page.getByLabel("Name").fill("");
  await page.getByRole("button", { name: "Save & resend" }).click();
  await expect(page.getByLabel("Name")).toBeFocused();
  const errors = page.getByTestId("field-error");
  await expect(errors).toHaveText(["Name is required.", "Postal code is required for GB."]);

  // Switching the country changes the expected shape; a US address needs a state too.
  await page.getByLabel("Name").fill("Fiona Doyle");
  await page.getByLabel("Country").selectOption("US");
  await expect(page.getByText("e.g. 94105 or 94105-1234")).toBeVisible();
  await page.getByLabel("Postal code").fill("SW1A 2AA");
  await page.getByRole("button", { name: "Save & resend" }).click();
  await expect(errors).toHaveText([
    "State must be a two-letter US state code such as CA.",
    "Postal code 'SW1A 2AA' is not valid for US (e.g. 94105 or 94105-1234).",
  ]);
  expect((await orderById(order.id)).shipTo).toEqual(order.shipTo);
  await expect(page.getByTestId("order-status")).toHaveText("Held");
});
