import { expect, test } from "@playwright/test";
import { E2E_BASE_URL } from "./config";
import { DEMO_USERS, anOrderOf, latestSignInLink, merchantId, openAlertCount, signIn, signInWithPassword } from "./fixtures";

test("the warehouse admin signs in and sees every merchant's open alerts", async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  const ids = [await merchantId("Alder & Oak Home"), await merchantId("Bright Trail Outdoor")];
  expect(await openAlertCount(ids)).toBeGreaterThan(50);

  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  // Other tests resolve alerts meanwhile: the count shown must match the database as of the page's render.
  await expect(async () => {
    const open = await openAlertCount(ids);
    await page.reload();
    await expect(page.getByTestId("open-alerts-count")).toHaveText(String(open), { timeout: 1_000 });
  }).toPass();
  const rows = page.getByTestId("alert-row");
  await expect(rows).toHaveCount(50);
  // Newest first, with the remote message, the order number or product code, connection and age.
  await expect(rows.first()).toContainText(/ago|just now/);
  await expect(page.getByTestId("alert-list")).toContainText("Alder & Oak Home");
  await expect(page.getByTestId("alert-list")).toContainText("Bright Trail Outdoor");
  await expect(page.getByTestId("signed-in-user")).toHaveText(DEMO_USERS.warehouseAdmin.name);

  // The next page continues where the first stopped.
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(rows.first()).toBeVisible();
});

test("a signed-out deep link comes back to that exact page after signing in", async ({ page }) => {
  const order = await anOrderOf(await merchantId("Bright Trail Outdoor"));
  await page.goto(`/orders/${order.id}`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await signInWithPassword(page, DEMO_USERS.warehouseAdmin.email);
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByRole("heading", { name: order.orderNumber })).toBeVisible();
});

test("a wrong password shows an inline error and signs nobody in", async ({ page }) => {
  await page.goto("/login");
  await signInWithPassword(page, DEMO_USERS.warehouseAdmin.email, "not-the-password");
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Email")).toHaveValue(DEMO_USERS.warehouseAdmin.email);
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/login/);
});

test("an empty form says what is missing", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Enter a valid email address.");
});

test("the magic link kept in the local outbox signs in, and the page says where the link is", async ({ page }) => {
  const before = await latestSignInLink(DEMO_USERS.merchantUser.email);
  await page.goto("/login");
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(DEMO_USERS.merchantUser.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByTestId("local-sign-in-link")).toContainText("printed in the terminal");

  let link: Awaited<ReturnType<typeof latestSignInLink>> = null;
  await expect(async () => {
    link = await latestSignInLink(DEMO_USERS.merchantUser.email);
    expect(link && link.id !== before?.id).toBeTruthy();
  }).toPass();
  expect(link!.href.startsWith(`${E2E_BASE_URL}/api/auth/callback/resend?`)).toBe(true);
  await page.goto(link!.href);

  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(DEMO_USERS.merchantUser.name);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, DEMO_USERS.merchantUser.email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});
