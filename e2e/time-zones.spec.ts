import { expect, test } from "@playwright/test";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { accounts, memberships, users } from "../db/schema";
import { formatDateTime } from "../lib/format/time";
import { anOpenAlertOf, DEMO_PASSWORD, DEMO_USERS, e2eDb, merchantId, signIn } from "./fixtures";

// docs/rules.md#t3: every time on a person's pages is in the zone they chose on Profile & Billing, and named.
// The test uses a person of its own (a member of the demo warehouse), so the demo logins other specs read stay in UTC.

test("a person picks a time zone on Profile & Billing; a bad one is refused inline; their pages then write times in it", async ({
  page,
}, testInfo) => {
  const db = e2eDb();
  const [warehouse] = await db.select().from(accounts).where(eq(accounts.name, DEMO_USERS.warehouseAdmin.account));
  const email = `tz-${testInfo.workerIndex}-${Date.now().toString(36)}@northwind-fulfillment.example`;
  const [user] = await db
    .insert(users)
    .values({ email, name: "Zoe Zone", passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4), emailVerified: new Date() })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, accountId: warehouse!.id, role: "member" });
  const zoneOf = async () => (await db.select({ tz: users.timeZone }).from(users).where(eq(users.id, user!.id)))[0]!.tz;

  const alert = await anOpenAlertOf(await merchantId(DEMO_USERS.merchantUser.account));
  await signIn(page, email);
  await page.goto(`/alerts/${alert.id}`);
  await expect(page.getByText(formatDateTime(alert.firstSeenAt, "UTC"), { exact: true }).first()).toBeVisible();

  await page.goto("/settings/profile");
  const field = page.getByLabel("Times on your pages are in");
  await expect(field).toHaveValue("UTC");
  await field.fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("form", { name: "Your time zone" }).getByTestId("field-error")).toHaveText(
    "Choose a time zone from the list, e.g. Europe/Berlin or America/New_York.",
  );
  expect(await zoneOf()).toBe("UTC");

  await field.fill("America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByTestId("time-zone-result")).toHaveText("Saved. Times on your pages are now in America/New_York.");
  expect(await zoneOf()).toBe("America/New_York");

  // The next page reads it: the alert's first-seen time, in New York's time, named.
  await page.goto(`/alerts/${alert.id}`);
  const inNewYork = formatDateTime(alert.firstSeenAt, "America/New_York");
  expect(inNewYork).toMatch(/ E[SD]T$/);
  await expect(page.getByText(inNewYork, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(formatDateTime(alert.firstSeenAt, "UTC"), { exact: true })).toHaveCount(0);
  await page.goto("/settings/profile");
  await expect(page.getByLabel("Times on your pages are in")).toHaveValue("America/New_York");
});
