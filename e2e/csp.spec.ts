import { expect, test, type Page } from "@playwright/test";
import { asc } from "drizzle-orm";
import { alertContacts } from "../db/schema";
import { unsubscribeToken } from "../lib/notify/unsubscribe-token";
import { E2E_AUTH_SECRET } from "./config";
import { DEMO_USERS, anOpenAlertOf, anOrderOf, e2eDb, merchantId, signIn } from "./fixtures";

/**
 * Every main page under the production build's Content-Security-Policy: nothing is blocked, the page
 * hydrates (Next's nonce'd bootstrap scripts ran) and its client components answer.
 */

/** Collects CSP violations, as events in the page and as console errors (which also cover iframes). */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return violations;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  for (const d of [
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "img-src 'self' data:",
    "connect-src 'self'",
  ])
    expect(csp, path).toContain(d);
  expect(csp, "no eval in production").not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
  // Next's client boot sets window.next once its (nonce'd) scripts have run.
  await expect
    .poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version)), { message: path })
    .toBe(true);
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  const scripts = await page.locator("script:not([src])").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(
    scripts.every((n) => n === nonce),
    `${path}: every inline script carries this response's nonce`,
  ).toBe(true);
}

test("login, check-email, unsubscribe and the mailbox satisfy the CSP", async ({ page }) => {
  const violations = await watchCsp(page);
  await visit(page, "/login");
  // A client component: the toggle to the magic-link form, then its server action.
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(DEMO_USERS.merchantUser.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // The mailbox serves signed-in users only; a sign-in email shows to its addressee.
  await signIn(page, DEMO_USERS.merchantUser.email);
  await visit(page, "/dev/mailbox");
  await page
    .getByRole("link", { name: new RegExp(`Your Fixline sign-in link.*${DEMO_USERS.merchantUser.email}`) })
    .first()
    .click();
  await expect(page).toHaveURL(/\/dev\/mailbox\/\d+$/);
  await visit(page, page.url());
  // The email's srcdoc frame inherits the page's policy: its inline-styled body must still show, styled.
  const button = page.frameLocator("iframe[title='Email body']").getByRole("link", { name: "Sign in to Fixline" });
  await expect(button).toBeVisible();
  expect(await button.evaluate((a) => getComputedStyle(a).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");

  const [contact] = await e2eDb().select().from(alertContacts).orderBy(asc(alertContacts.id)).limit(1);
  await visit(page, `/unsubscribe?token=${encodeURIComponent(unsubscribeToken(contact!, E2E_AUTH_SECRET))}`);
  await expect(page.getByRole("button", { name: /unsubscribe/i })).toBeVisible();
  expect(violations).toEqual([]);
});

test("signed in: alerts, an alert, orders, an order and the settings pages satisfy the CSP", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, DEMO_USERS.merchantUser.email);
  const own = await merchantId("Alder & Oak Home");
  const alert = await anOpenAlertOf(own);
  const order = await anOrderOf(own);
  for (const path of [
    "/alerts",
    `/alerts/${alert.id}`,
    "/orders",
    `/orders/${order.id}`,
    "/settings/ship-methods",
    "/settings/profile",
    "/settings/connections",
  ])
    await visit(page, path);

  // Client components at work: an alert's dismiss dialog, and the Alerts filter navigating on the client.
  await page.goto(`/alerts/${alert.id}`);
  await page.getByRole("button", { name: "Dismiss…" }).click();
  await expect(page.getByLabel("Reason (optional)")).toBeVisible();
  await page.goto("/alerts");
  await page.getByLabel("Kind").selectOption("address_invalid");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kind=address_invalid/);
  expect(violations).toEqual([]);
});

test("the webhook API, outside the proxy, still gets the static headers", async ({ request }) => {
  const response = await request.post("/api/webhooks/1", { data: "{}" });
  expect(response.status()).toBe(401);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});
