import { test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { connections } from "../db/schema";
import { E2E_SANDBOX_URL } from "./config";
import { DEMO_USERS, captureAction, e2eDb, signIn, signInWithPassword } from "./fixtures";
import { SLOW_TEST_TIMEOUT, expect } from "./order-fixtures";
import { createWebhookWorld } from "./webhook-fixtures";

// Settings → Connections (docs/rules.md#r9): an admin changes a connection's interval, endpoint and credential and
// pauses it; a member sees the settings and changes nothing, even by replaying an admin's request.

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

const connectionRow = async (id: number) => (await e2eDb().select().from(connections).where(eq(connections.id, id)))[0]!;

test("an admin changes a connection's sync interval, endpoint and credential, and pauses and resumes it", async ({ page }) => {
  const world = await createWebhookWorld();
  await page.goto("/login");
  await signInWithPassword(page, world.adminEmail);
  await expect(page).toHaveURL(/\/alerts$/);
  await page.goto("/settings/connections");
  const section = page.getByTestId(`connection-settings-${world.wms.id}`);
  const interval = section.getByLabel("Sync interval (minutes)");
  await expect(interval).toHaveValue("15");
  const before = await connectionRow(world.wms.id);

  // A value out of range is refused at its field, keeps what was typed, and saves nothing.
  await interval.fill("2");
  await section.getByRole("button", { name: "Save settings" }).click();
  await expect(section.getByTestId("field-error")).toHaveText("Sync at most every 5 minutes.");
  await expect(interval).toBeFocused();
  await expect(interval).toHaveValue("2");
  expect(await connectionRow(world.wms.id)).toEqual(before);

  await interval.fill("30");
  await section.getByLabel("Endpoint URL").fill(`${E2E_SANDBOX_URL}/alder-oak/wms?v=2`);
  await section.getByLabel(/Credential/).fill("sandbox_rotated_credential");
  await section.getByRole("button", { name: "Save settings" }).click();
  await expect(section.getByTestId("connection-settings-result")).toHaveText("Saved. The next attempt uses these settings.");
  await expect(section.getByLabel(/Credential/)).toHaveValue("");
  expect(await connectionRow(world.wms.id)).toMatchObject({
    syncIntervalMinutes: 30,
    endpointUrl: `${E2E_SANDBOX_URL}/alder-oak/wms?v=2`,
    credential: "sandbox_rotated_credential",
  });
  await page.reload();
  const changes = section.getByTestId("connection-changes");
  await expect(changes).toContainText("Sync interval: every 15 min → every 30 min.");
  await expect(changes).toContainText("Credential replaced. — Hook Admin");
  // The credential is write-only: it is in no page.
  expect(await page.content()).not.toContain("sandbox_rotated_credential");

  await section.getByRole("button", { name: "Pause…" }).click();
  await section.getByRole("button", { name: /^Pause Hook Test WMS/ }).click();
  await expect(section.getByTestId("connection-settings-result")).toContainText("Paused. Nothing is sent to it");
  await expect(section.getByTestId("paused-note")).toContainText("Paused since");
  expect((await connectionRow(world.wms.id)).pausedAt).not.toBeNull();
  await page.goto("/alerts");
  await expect(page.getByTestId("paused-connections")).toContainText(`Hook Test WMS`);
  await page.getByRole("link", { name: "Resume on Settings → Connections" }).click();
  await section.getByRole("button", { name: "Resume" }).click();
  await expect(section.getByTestId("connection-settings-result")).toContainText("Resumed.");
  expect((await connectionRow(world.wms.id)).pausedAt).toBeNull();
  await page.goto("/alerts");
  await expect(page.getByTestId("paused-connections")).toHaveCount(0);
});

test("a member sees a connection's settings read-only, and replaying an admin's change is refused", async ({ page, browser }) => {
  const member = DEMO_USERS.warehouseMember;
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto("/settings/connections");
  const form = page.locator('[data-testid^="connection-settings-"]').first();
  const captured = await captureAction(page);
  await form.getByLabel("Sync interval (minutes)").fill("45");
  await form.getByRole("button", { name: "Save settings" }).click();
  const request = await captured();
  const { connectionId } = (JSON.parse(request.postData() ?? "[]") as { connectionId: number }[])[0]!;
  const before = await connectionRow(connectionId);

  const context = await browser.newContext();
  const memberPage = await context.newPage();
  await signIn(memberPage, member.email);
  await memberPage.goto("/settings/connections");
  const readOnly = memberPage.getByTestId(`connection-settings-${connectionId}`);
  await expect(readOnly).toContainText(`Only an admin of ${member.account} can change this.`);
  await expect(readOnly.getByRole("button", { name: /Save settings|Pause/ })).toHaveCount(0);
  const headers = Object.fromEntries(
    Object.entries(request.headers()).filter(([name]) => !["cookie", "host", "content-length"].includes(name)),
  );
  const answer = await memberPage.request.post(request.url(), { headers, data: request.postDataBuffer() ?? "" });
  expect(await answer.text()).toContain("Only an admin of");
  await context.close();
  expect(await connectionRow(connectionId)).toEqual(before);
});
