import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { and, count, eq } from "drizzle-orm";
import { accounts, emailOutbox } from "../db/schema";
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_DATABASE_URL, E2E_PORT } from "./config";
import { DEMO_USERS, e2eDb, latestSignInLink, signIn, signInWithPassword } from "./fixtures";

// The local mailbox and the links in emails, tried as an attacker would (docs/security.md): the mailbox opened
// every account to a signed-out visitor, and a forged X-Forwarded-Host got sign-in links pointing elsewhere.

async function requestSignInLink(page: Page, email: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

async function keepEmail(accountId: number, to: string, subject: string) {
  const [row] = await e2eDb()
    .insert(emailOutbox)
    .values({
      idempotencyKey: `e2e:${subject}`,
      accountId,
      to,
      subject,
      html: `<p>${subject}</p>`,
      text: subject,
      template: "digest",
      status: "outbox",
      createdAt: new Date(),
    })
    .returning();
  return row!.id;
}

test("signed out, the mailbox and its emails send the visitor to sign in, and show nothing", async ({ page, request }) => {
  for (const path of ["/dev/mailbox", "/dev/mailbox/1"]) {
    const answer = await request.get(path, { maxRedirects: 0 });
    expect(answer.status(), path).toBe(307);
    expect(answer.headers().location).toMatch(/^\/login\?callbackUrl=/);
    expect(await answer.text()).not.toContain("sign-in link");
  }
  await page.goto("/dev/mailbox");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdev%2Fmailbox/);
});

test("a signed-in user's mailbox holds their accounts' emails and their own sign-in links, never another person's", async ({
  page,
  browser,
}) => {
  // A stranger asks for the warehouse admin's sign-in link, then reads the mailbox as the merchant user.
  const stranger = await browser.newPage();
  await requestSignInLink(stranger, DEMO_USERS.warehouseAdmin.email);
  await stranger.close();
  let mayaLink: Awaited<ReturnType<typeof latestSignInLink>> = null;
  await expect(async () => expect((mayaLink = await latestSignInLink(DEMO_USERS.warehouseAdmin.email))).not.toBeNull()).toPass();
  const [warehouse] = await e2eDb().select().from(accounts).where(eq(accounts.name, "Northwind Fulfillment"));
  const [merchant] = await e2eDb().select().from(accounts).where(eq(accounts.name, "Alder & Oak Home"));
  const tag = Date.now().toString(36);
  const warehouseMail = await keepEmail(warehouse!.id, "ops@northwind-fulfillment.example", `Warehouse digest ${tag}`);
  const merchantMail = await keepEmail(merchant!.id, "cs@alderandoak.example", `Merchant digest ${tag}`);

  await signIn(page, DEMO_USERS.merchantUser.email);
  await page.goto("/dev/mailbox");
  const mailbox = page.getByTestId("mailbox");
  await expect(mailbox).toContainText(`Merchant digest ${tag}`);
  await expect(mailbox).not.toContainText(`Warehouse digest ${tag}`);
  await expect(mailbox).not.toContainText(DEMO_USERS.warehouseAdmin.email);
  for (const id of [mayaLink!.id, warehouseMail]) {
    await page.goto(`/dev/mailbox/${id}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await page.goto(`/dev/mailbox/${merchantMail}`);
  await expect(page.getByRole("heading", { name: `Merchant digest ${tag}` })).toBeVisible();

  // The warehouse admin sees both accounts' mail and their own sign-in link.
  await page.goto("/alerts");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto("/dev/mailbox");
  await expect(mailbox).toContainText(`Warehouse digest ${tag}`);
  await expect(mailbox).toContainText(`Merchant digest ${tag}`);
  await page.goto(`/dev/mailbox/${mayaLink!.id}`);
  await expect(page.getByRole("heading", { name: "Your Fixline sign-in link" })).toBeVisible();
});

test("asking for a link answers alike for an address with no account, and emails nothing", async ({ page }) => {
  const unknown = `nobody-${Date.now().toString(36)}@stranger.example`;
  await requestSignInLink(page, unknown);
  await expect(page.getByTestId("local-sign-in-link")).toBeVisible();
  const [row] = await e2eDb().select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.to, unknown));
  expect(row?.n).toBe(0);
});

test("a sign-in request naming another host still gets a link to the configured public URL", async ({ request }) => {
  const before = await latestSignInLink(DEMO_USERS.merchantUser.email);
  const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
  const { csrfToken } = await (await request.get("/api/auth/csrf", { headers: forged })).json();
  const answer = await request.post("/api/auth/signin/resend", {
    headers: forged,
    form: { email: DEMO_USERS.merchantUser.email, csrfToken, callbackUrl: "https://evil.example/alerts" },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(302);
  expect(answer.headers().location).not.toContain("evil.example");
  let link: Awaited<ReturnType<typeof latestSignInLink>> = null;
  await expect(async () => {
    link = await latestSignInLink(DEMO_USERS.merchantUser.email);
    expect(link && link.id !== before?.id).toBeTruthy();
  }).toPass();
  expect(new URL(link!.href).origin).toBe(E2E_BASE_URL);
  expect(link!.href).not.toContain("evil.example");
});

test("the webhook URL shown to connectors is the public URL whatever host the request named", async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.setExtraHTTPHeaders({ "x-forwarded-host": "evil.example" });
  await page.goto("/settings/connections");
  const html = await page.content();
  expect(html).not.toContain("evil.example");
  expect(html).toContain(`${E2E_BASE_URL}/api/webhooks/`);
});

// A second production server on the same database, configured as the README's production section allows
// (no email provider, no FIXLINE_MAILBOX): what a stranger sees there.
function startServer(
  port: number,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = "";
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: E2E_DATABASE_URL,
      AUTH_SECRET: E2E_AUTH_SECRET,
      APP_URL: `http://localhost:${port}`,
      AUTH_URL: "",
      RESEND_API_KEY: "",
      FIXLINE_MAILBOX: "",
      FIXLINE_JOBS: "off",
      FIXLINE_SEED: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

test.describe("a production server with no email provider", () => {
  test.describe.configure({ timeout: 90_000 });
  const port = E2E_PORT + 17;
  const base = `http://localhost:${port}`;
  let server: ReturnType<typeof startServer>;
  test.beforeAll(async () => {
    server = startServer(port, {});
    await expect(async () => expect((await fetch(`${base}/login`)).status).toBe(200)).toPass({ timeout: 60_000 });
  });
  test.afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  test("says so loudly at start, serves no mailbox, and the sign-in form says links cannot be sent", async ({ page, request }) => {
    expect(server.output()).toContain("NO EMAIL LEAVES THIS SERVER");

    await page.goto(`${base}/login`);
    await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
    await expect(page.getByTestId("no-email-provider")).toContainText("Sign-in links cannot be sent");
    await expect(page.getByLabel("Email")).toHaveCount(0);

    // Posting to Auth.js directly sends nothing either.
    const links = async () =>
      (
        await e2eDb()
          .select({ n: count() })
          .from(emailOutbox)
          .where(and(eq(emailOutbox.to, DEMO_USERS.merchantUser.email), eq(emailOutbox.template, "magic-link")))
      )[0]!.n;
    const before = await links();
    const { csrfToken } = await (await request.get(`${base}/api/auth/csrf`)).json();
    await request.post(`${base}/api/auth/signin/resend`, { form: { email: DEMO_USERS.merchantUser.email, csrfToken }, maxRedirects: 0 });
    expect(await links()).toBe(before);

    await page.goto(`${base}/login`);
    await signInWithPassword(page, DEMO_USERS.merchantUser.email);
    await expect(page).toHaveURL(`${base}/alerts`);
    await page.goto(`${base}/dev/mailbox`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});

test("a production server refuses to start without its public URL", async () => {
  test.setTimeout(90_000);
  const server = startServer(E2E_PORT + 18, { APP_URL: "", AUTH_URL: "" });
  const code = await Promise.race([server.exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 60_000))]);
  if (code === "running") server.child.kill("SIGKILL");
  expect(code).toBe(1);
  expect(server.output()).toContain("APP_URL is not set");
});
