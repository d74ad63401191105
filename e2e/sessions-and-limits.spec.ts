import { expect, test } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import { emailOutbox, users } from "../db/schema";
import { DEMO_PASSWORD, DEMO_USERS, e2eDb, latestSignInLink, signIn, signInWithPassword } from "./fixtures";
import { createMailTenant } from "./mail-tenant";

// Password guessing, sign-out and password changes, tried as an attacker would (docs/security.md). Each test
// that locks or changes a login uses a user of its own, so the demo logins other specs use stay open.

test.describe.configure({ timeout: 90_000 });

test("five wrong passwords pause password sign-in, the right one included; the owner is told and can still sign in by link", async ({
  page,
}, testInfo) => {
  const tenant = await createMailTenant(`lock${testInfo.workerIndex}${Date.now().toString(36)}`);
  await page.goto("/login");
  for (let i = 1; i <= 4; i++) {
    // Each attempt's own answer, and the form's reset after it, before the next fill: the error shown is the
    // previous attempt's from the second on, and a fill made before the reset is wiped (an empty password).
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
    await signInWithPassword(page, tenant.userEmail, `wrong-${i}`);
    await answered;
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await signInWithPassword(page, tenant.userEmail, "wrong-5");
  await expect(page.getByTestId("form-error")).toHaveText(
    /^Too many wrong passwords\. Try again at \d+ \w+ \d{4}, \d\d:\d\d UTC, or sign in with an emailed link\.$/,
  );

  await signInWithPassword(page, tenant.userEmail, DEMO_PASSWORD);
  await expect(page.getByTestId("form-error")).toContainText("Too many wrong passwords");
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/login/);

  // One email to the owner, saying what happened and what they can do.
  const notices = await e2eDb()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, tenant.userEmail), eq(emailOutbox.template, "sign-in-locked")))
    .orderBy(desc(emailOutbox.id));
  expect(notices).toHaveLength(1);
  expect(notices[0]!.text).toContain("5 times in 15 minutes");
  expect(notices[0]!.text).toContain("sign in now with an emailed link");

  // The link path is not locked.
  await page.goto("/login");
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(tenant.userEmail);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  let link: Awaited<ReturnType<typeof latestSignInLink>> = null;
  await expect(async () => expect((link = await latestSignInLink(tenant.userEmail))).not.toBeNull()).toPass();
  await page.goto(link!.href);
  await expect(page).toHaveURL(/\/alerts$/);
});

test("a copy of the session cookie stops working once its owner signs out", async ({ page, browser }) => {
  await signIn(page, DEMO_USERS.merchantUser.email);
  const stolen = await page.context().cookies();
  const thief = await browser.newContext();
  await thief.addCookies(stolen);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/alerts");
  await expect(thiefPage.getByTestId("signed-in-user")).toHaveText(DEMO_USERS.merchantUser.name);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  for (const path of ["/alerts", "/settings/profile"]) {
    await thiefPage.goto(path);
    await expect(thiefPage).toHaveURL(/\/login/);
    await expect(thiefPage.getByRole("heading", { name: "Sign in to Fixline" })).toBeVisible();
  }
  await thief.close();
});

test("changing the password checks the current one, then ends every session, this one included", async ({ page, browser }, testInfo) => {
  const tenant = await createMailTenant(`pw${testInfo.workerIndex}${Date.now().toString(36)}`);
  await page.goto("/settings/profile");
  await signInWithPassword(page, tenant.userEmail);
  await expect(page).toHaveURL(/\/settings\/profile$/);
  const other = await browser.newContext();
  await other.addCookies(await page.context().cookies());
  const otherPage = await other.newPage();

  const form = page.getByRole("form", { name: "Change your password" });
  await form.locator("input[name=current]").fill("not-my-password");
  await form.locator("input[name=next]").fill("a-new-password-42");
  await form.locator("input[name=confirm]").fill("a-new-password-42");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Your current password is not right.");
  const [before] = await e2eDb().select().from(users).where(eq(users.email, tenant.userEmail));

  await form.locator("input[name=current]").fill(DEMO_PASSWORD);
  await form.locator("input[name=next]").fill("short");
  await form.locator("input[name=confirm]").fill("short");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Use at least 12 characters.");
  const [unchanged] = await e2eDb().select().from(users).where(eq(users.email, tenant.userEmail));
  expect(unchanged).toEqual(before);

  await form.locator("input[name=current]").fill(DEMO_PASSWORD);
  await form.locator("input[name=next]").fill("a-new-password-42");
  await form.locator("input[name=confirm]").fill("a-new-password-42");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-changed/);
  await expect(page.getByRole("status")).toContainText("Password changed");

  await otherPage.goto("/alerts");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
  await signInWithPassword(page, tenant.userEmail, DEMO_PASSWORD);
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await signInWithPassword(page, tenant.userEmail, "a-new-password-42");
  await expect(page).toHaveURL(/\/alerts$/);
});
