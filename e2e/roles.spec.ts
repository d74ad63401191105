import { expect, test, type Browser, type Request } from "@playwright/test";
import { eq } from "drizzle-orm";
import { alertContacts, connections } from "../db/schema";
import { DEMO_USERS, captureAction, e2eDb, signIn } from "./fixtures";

// docs/roles.md: a member sees the settings but changes nothing, even by replaying an admin's request.
const member = DEMO_USERS.warehouseMember;

test("a warehouse member sees the settings pages read-only", async ({ page }) => {
  await signIn(page, member.email);
  const line = `Only an admin of ${member.account} can change this.`;

  await page.goto("/settings/ship-methods");
  await expect(page.getByTestId("read-only")).toContainText(line);
  await expect(page.getByTestId("mapping-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Add mapping|Map and release|^Edit/ })).toHaveCount(0);

  await page.goto("/settings/profile");
  await expect(page.getByTestId("read-only")).toContainText(line);
  await expect(page.getByTestId("alert-contact").first()).toBeVisible();
  await expect(page.getByRole("form", { name: "Add an alert contact" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Edit|Remove) / })).toHaveCount(0);

  await page.goto("/settings/connections");
  const first = page.locator('[data-testid^="webhooks-"]').first();
  await expect(first.getByTestId("read-only")).toHaveText(line);
  await expect(first.getByRole("button", { name: /Reveal|Rotate/ })).toHaveCount(0);
  await expect(first.getByTestId("webhook-secret")).toHaveText("whsec_••••••••••••••••");
});

/** Posts the admin's request again, byte for byte, with the member's session instead. */
async function replayAsMember(browser: Browser, request: Request) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, member.email);
  const headers = Object.fromEntries(
    Object.entries(request.headers()).filter(([name]) => !["cookie", "host", "content-length"].includes(name)),
  );
  const answer = await page.request.post(request.url(), { headers, data: request.postDataBuffer() ?? "" });
  const text = await answer.text();
  await context.close();
  return text;
}

test("a member replaying an admin's secret rotation is refused and the secret stays", async ({ page, browser }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto("/settings/connections");
  const captured = await captureAction(page);
  const section = page.locator('[data-testid^="webhooks-"]').first();
  await section.getByRole("button", { name: "Rotate…" }).click();
  await section.getByRole("button", { name: "Rotate secret" }).click();
  const request = await captured();
  const { connectionId } = (JSON.parse(request.postData() ?? "[]") as { connectionId: number }[])[0]!;
  const secretOf = async () => (await e2eDb().select().from(connections).where(eq(connections.id, connectionId)))[0]!;
  const before = await secretOf();

  const answer = await replayAsMember(browser, request);
  expect(answer).toContain("Only an admin of");
  expect(answer).not.toContain("whsec_");
  expect(await secretOf()).toEqual(before);
});

test("a member replaying an admin's removal of an alert contact is refused and the contact stays", async ({ page, browser }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto("/settings/profile");
  const captured = await captureAction(page);
  const row = page.getByTestId("alert-contact").first();
  const email = await row.getAttribute("data-email");
  await row.getByRole("button", { name: `Remove ${email}` }).click();
  await page.getByRole("button", { name: "Yes, remove" }).click();
  const request = await captured();
  const contactsNamed = () => e2eDb().select().from(alertContacts).where(eq(alertContacts.email, email!));
  const before = await contactsNamed();
  expect(before).toHaveLength(1);

  const answer = await replayAsMember(browser, request);
  expect(answer).toContain("Only an admin of");
  expect(await contactsNamed()).toEqual(before);
});
