import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { alertContacts } from "../db/schema";
import { E2E_BASE_URL } from "./config";
import { DEMO_PASSWORD, e2eDb, signInWithPassword } from "./fixtures";
import { createMailTenant, raiseAddressInvalid, runEmailJob, type MailTenant } from "./mail-tenant";

// Each test has a warehouse and merchant of its own: what it raises and sends changes nothing other specs count.
let tenant: MailTenant;
// A job run is a process of its own (npm run job), a few seconds each.
test.describe.configure({ timeout: 120_000 });
test.beforeEach(async ({}, testInfo) => {
  tenant = await createMailTenant(`${testInfo.workerIndex}${Date.now().toString(36)}`);
});

async function signInAs(page: Page, email: string, path = "/settings/profile") {
  await page.goto(path);
  await signInWithPassword(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

async function addContact(page: Page, contact: { name: string; email: string; frequency: string; account?: string }) {
  const form = page.getByRole("form", { name: "Add an alert contact" });
  await form.getByLabel("Name").fill(contact.name);
  await form.getByLabel("Email").fill(contact.email);
  await form.getByLabel("How often").selectOption({ label: contact.frequency });
  if (contact.account) await form.getByLabel("Account").selectOption({ label: contact.account });
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByRole("status")).toHaveText(`${contact.email} added.`);
}

/**
 * Opens the newest email to `to` in the local mailbox and returns the frame showing it. The mailbox serves
 * signed-in users only, the emails of their own accounts: the page must be signed in as a user of the tenant.
 */
async function openEmail(page: Page, to: string, subject: RegExp) {
  await page.goto("/dev/mailbox");
  await page
    .getByRole("link", { name: new RegExp(`${subject.source}.*To ${to.replace(/[.+]/g, "\\$&")}`) })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  return page.frameLocator("iframe[title='Email body']");
}

test("a contact added on Profile & Billing gets the next Action needed email, whose link reaches the order-fix page after sign-in", async ({
  page,
}) => {
  const contactEmail = `night-${tenant.tag}@mailtest-shop.example`;
  await signInAs(page, tenant.userEmail);
  await addContact(page, {
    name: "Night lead",
    email: contactEmail,
    frequency: "Immediately",
    account: `${tenant.merchant.name} (merchant)`,
  });
  const row = page.locator(`[data-testid=alert-contact][data-email="${contactEmail}"]`);
  await expect(row).toContainText("Night lead");
  await expect(row).toContainText("Immediately");
  await expect(row.getByTestId("contact-schedule")).toContainText("Alerts that need a person at once");

  const message = `Invalid ShipTo.State 'TX.': not a recognized US state or territory code (${tenant.tag}).`;
  const { order } = await raiseAddressInvalid(tenant, `#MT-${tenant.tag}`, message);
  await runEmailJob();

  const email = await openEmail(page, contactEmail, /Action needed: address invalid on order #MT-/);
  await expect(email.getByText(message, { exact: true })).toBeVisible();
  const fixLink = await email.getByRole("link", { name: `Fix order ${order.orderNumber}` }).getAttribute("href");
  expect(fixLink).toBe(`${E2E_BASE_URL}/orders/${order.id}`);

  // Signed out, as the contact (who has no login) follows the email's link.
  await page.goto("/alerts");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(fixLink!);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await signInWithPassword(page, tenant.userEmail, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByRole("heading", { name: order.orderNumber })).toBeVisible();

  // A second run of the job sends nothing new to the contact.
  await runEmailJob();
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("link", { name: new RegExp(`To ${contactEmail.replace(/[.+]/g, "\\$&")}`) })).toHaveCount(1);
});

test("the unsubscribe link in an email turns the contact's emails off, after a confirmation", async ({ page }) => {
  const contactEmail = `quiet-${tenant.tag}@mailtest-3pl.example`;
  await signInAs(page, tenant.userEmail);
  await addContact(page, { name: "Quiet", email: contactEmail, frequency: "Daily digest" });
  await raiseAddressInvalid(tenant, `#MU-${tenant.tag}`, "Address validation failed: city is required.");
  await runEmailJob();
  const email = await openEmail(page, contactEmail, /Action needed: address invalid on order #MU-/);
  const unsubscribeLink = await email.getByRole("link", { name: `Unsubscribe ${contactEmail}` }).getAttribute("href");
  // Wait for the sign-out to finish: leaving the page at once can cancel it, and the next sign-in would find
  // the session still open.
  await page.goto("/alerts");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The contact has no login: the link works signed out.
  await page.goto(unsubscribeLink!);
  // Opening the link changes nothing (mail scanners open links); the button does.
  await expect(page.getByRole("heading", { name: "Stop alert emails?" })).toBeVisible();
  const [before] = await e2eDb().select().from(alertContacts).where(eq(alertContacts.email, contactEmail));
  expect(before?.frequency).toBe("daily");
  await page.getByRole("button", { name: `Unsubscribe ${contactEmail}` }).click();
  await expect(page.getByTestId("unsubscribe-result")).toContainText(`${contactEmail} gets no more alert emails`);

  await signInAs(page, tenant.userEmail);
  const row = page.locator(`[data-testid=alert-contact][data-email="${contactEmail}"]`);
  await expect(row).toContainText("Off");
  await expect(row.getByTestId("contact-schedule")).toHaveText("No emails");
  await raiseAddressInvalid(tenant, `#MV-${tenant.tag}`, "Address validation failed: city is required.");
  await runEmailJob();
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("link", { name: /#MV-.*quiet-/ })).toHaveCount(0);
});

test("contacts are validated inline, edited in place and removed after a confirmation", async ({ page }) => {
  await signInAs(page, tenant.userEmail);
  const form = page.getByRole("form", { name: "Add an alert contact" });
  await form.getByLabel("Email").fill("not an address");
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Enter a valid email address.");
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  const address = `ops-${tenant.tag}@mailtest-3pl.example`;
  await addContact(page, { name: "Ops", email: address, frequency: "Weekly digest (Mondays)" });
  await form.getByLabel("Email").fill(address.toUpperCase());
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Already a contact of this account.");

  const row = page.locator(`[data-testid=alert-contact][data-email="${address}"]`);
  await expect(row.getByTestId("contact-schedule")).toContainText(/Next digest \d+ \w+ \d{4}, 08:00 UTC/);
  await row.getByRole("button", { name: `Edit ${address}` }).click();
  const edit = page.getByTestId("alert-contact-edit");
  await edit.getByLabel("Name").fill("Ops on call");
  await edit.getByLabel("How often").selectOption({ label: "Hourly digest" });
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Ops on call");
  await expect(row).toContainText("Hourly digest");

  await row.getByRole("button", { name: `Remove ${address}` }).click();
  await expect(row.getByTestId("confirm-remove")).toContainText(`Stop all emails to ${address}?`);
  await row.getByRole("button", { name: "Keep" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Remove ${address}` }).click();
  await row.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.locator(`[data-testid=alert-contact][data-email="${address}"]`)).toHaveCount(0);
});

test("a contact's time zone, digest hour and kinds of alerts are chosen on Profile & Billing, and bad choices change nothing", async ({
  page,
}) => {
  const contactEmail = `cs-${tenant.tag}@mailtest-shop.example`;
  await signInAs(page, tenant.userEmail);
  await addContact(page, {
    name: "Customer service",
    email: contactEmail,
    frequency: "Daily digest",
    account: `${tenant.merchant.name} (merchant)`,
  });
  const row = page.locator(`[data-testid=alert-contact][data-email="${contactEmail}"]`);
  // The defaults keep today's behaviour.
  await expect(row.getByTestId("contact-choices")).toHaveText(
    "UTC · digests at 08:00 · at most 6 immediate emails an hour · every kind of alert",
  );
  await expect(row.getByTestId("contact-schedule")).toContainText("08:00 UTC");

  await row.getByRole("button", { name: `Edit ${contactEmail}` }).click();
  const edit = page.getByTestId("alert-contact-edit");
  await edit.getByLabel("Time zone").fill("Europe/Berlin");
  await edit.getByLabel("Daily and weekly digests at").selectOption({ label: "07:00" });
  await edit.getByLabel("Hourly limit (immediate)").fill("3");
  await edit.getByLabel("Tracking and inventory").uncheck();
  await edit.getByLabel("Connections down and back up").uncheck();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row.getByTestId("contact-choices")).toHaveText(
    "Europe/Berlin · digests at 07:00 · at most 3 immediate emails an hour · address problems, unmapped ship methods, other order errors, skipped and about to be skipped",
  );
  // Its next digest, in its own zone.
  await expect(row.getByTestId("contact-schedule")).toHaveText(/^Next digest \d+ \w{3} \d{4}, 07:00 (CET|CEST)$/);
  const saved = async () => (await e2eDb().select().from(alertContacts).where(eq(alertContacts.email, contactEmail)))[0]!;
  expect(await saved()).toMatchObject({
    timeZone: "Europe/Berlin",
    digestHour: 7,
    hourlyEmailCap: 3,
    alertTopics: ["address", "ship_method", "order_errors", "skipped"],
  });

  // A zone that does not exist, or no kind at all: a clear error, and nothing changes.
  await row.getByRole("button", { name: `Edit ${contactEmail}` }).click();
  await edit.getByLabel("Time zone").fill("Mars/Olympus");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByTestId("field-error")).toHaveText("Choose a time zone from the list, e.g. Europe/Berlin or America/New_York.");
  await edit.getByLabel("Time zone").fill("Europe/Berlin");
  for (const kind of ["Address problems", "Unmapped ship methods", "Other order errors", "Skipped and about to be skipped"])
    await edit.getByLabel(kind).uncheck();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByTestId("field-error")).toHaveText("Choose at least one kind of alert, or set this contact's emails to Off.");
  expect(await saved()).toMatchObject({
    timeZone: "Europe/Berlin",
    hourlyEmailCap: 3,
    alertTopics: ["address", "ship_method", "order_errors", "skipped"],
  });
});
