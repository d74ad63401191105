import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { alertEvents, alerts, deliveries } from "../db/schema";
import { formatDateTime } from "../lib/format/time";
import { DEMO_USERS, e2eDb, merchantId, signIn } from "./fixtures";

/** Open alerts of one demo merchant, or of both (what the demo warehouse admin sees; other specs add tenants of their own). */
const openOf = async (kind: (typeof alerts.$inferSelect)["kind"], accountId?: number) => {
  const accounts = accountId ? [accountId] : [await merchantId("Alder & Oak Home"), await merchantId("Bright Trail Outdoor")];
  return e2eDb()
    .select()
    .from(alerts)
    .where(and(eq(alerts.kind, kind), eq(alerts.state, "open"), inArray(alerts.accountId, accounts)))
    .orderBy(alerts.id);
};

test("filters and search narrow the list, and the URL keeps them", async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  const all = Number((await page.getByTestId("result-count").textContent())?.match(/\d+/)?.[0]);
  await page.getByLabel("Kind").selectOption("address_invalid");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kind=address_invalid/);
  const rows = page.getByTestId("alert-row");
  const addressCount = (await openOf("address_invalid")).length;
  await expect(page.getByTestId("result-count")).toHaveText(`${addressCount} alerts match these filters`);
  expect(addressCount).toBeLessThan(all);
  for (const text of await rows.allTextContents()) expect(text).toContain("Address invalid");
  await expect(rows.first()).toContainText("Waiting for you: fix the address");

  // Search by order number narrows to that order's alert; by product code to that product's.
  const [target] = await openOf("address_invalid");
  await page.getByLabel("Search").fill(target!.orderNumber!);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(target!.orderNumber!);

  const [inventory] = await openOf("inventory_push_failed");
  await page.goto(`/alerts?q=${encodeURIComponent(inventory!.productCode!)}`);
  await expect(rows.first()).toContainText(inventory!.productCode!);
  await expect(page.getByTestId("result-count")).toHaveText(/matche?s? these filters/);

  await page.goto("/alerts?q=NO-SUCH-ORDER");
  await expect(page.getByText("No alerts match these filters")).toBeVisible();
});

test("grouped causes show every order held on one unmapped ship method", async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  const unmapped = await openOf("ship_method_unmapped");
  const groups = page.getByTestId("cause-groups");
  await expect(groups).toContainText("Ship method ‘Free Shipping’ is not mapped");
  await expect(groups).toContainText("Ship method ‘Economy International’ is not mapped");
  const counts = [...((await groups.textContent()) ?? "").matchAll(/(\d+) orders? held/g)].map((m) => Number(m[1]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(unmapped.length);
  await expect(groups.getByRole("link", { name: "Map it" }).first()).toHaveAttribute("href", /\/settings\/ship-methods\?label=/);
});

test("dismiss with a reason and snooze until a date, each recorded in the history", async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  const [tracking] = await openOf("tracking_push_failed");
  await page.goto(`/alerts/${tracking!.id}`);
  await page.getByRole("button", { name: "Dismiss…" }).click();
  await page.getByLabel("Reason (optional)").fill("Tracking entered by hand in Shopify");
  await page.getByRole("button", { name: "Dismiss alert" }).click();
  await expect(page.getByTestId("action-result")).toHaveText("Dismissed. Its record is no longer retried.");
  await page.reload();
  await expect(page.getByTestId("alert-status")).toContainText("Dismissed");
  await expect(page.getByTestId("alert-history")).toContainText(`Dismissed by ${DEMO_USERS.warehouseAdmin.name}`);
  await expect(page.getByTestId("alert-history")).toContainText("Tracking entered by hand in Shopify");
  const [record] = await e2eDb().select().from(deliveries).where(eq(deliveries.id, tracking!.deliveryId!));
  expect(record!.status).toBe("skipped");

  const [inventory] = await openOf("inventory_push_failed");
  await page.goto(`/alerts/${inventory!.id}`);
  await page.getByRole("button", { name: "Snooze…" }).click();
  const until = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Snooze until").fill(until);
  await page.getByRole("button", { name: "Snooze alert" }).click();
  // The demo admin reads UTC: the day picked begins at 00:00 UTC (docs/rules.md#t3).
  await expect(page.getByTestId("action-result")).toContainText(`Snoozed until ${formatDateTime(new Date(`${until}T00:00:00Z`), "UTC")}`);
  await page.goto(`/alerts?state=snoozed`);
  await expect(page.getByTestId("alert-list")).toContainText(inventory!.productCode!);
  await page.goto(`/alerts?q=${encodeURIComponent(inventory!.productCode!)}`);
  await expect(page.getByTestId("result-count")).toHaveText("0 alerts match these filters");
});

test("bulk Retry now on a filtered set shows progress and a summary, and the sandbox heals them", async ({ page }) => {
  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  // Tracking pushes: the order specs that run later count the failing orders, so this leaves orders alone.
  const failing = await openOf("tracking_push_failed");
  expect(failing.length).toBeGreaterThan(0);
  await page.goto("/alerts?kind=tracking_push_failed");
  await page.getByLabel("Select every open alert on this page").check();
  await expect(page.getByTestId("selection-count")).toHaveText(`${failing.length} selected`);
  await page.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveText(`Retry now done: ${failing.length} sent, 0 still failing.`, {
    timeout: 20_000,
  });
  await expect(page.getByText("No alerts match these filters")).toBeVisible();
  expect(await openOf("tracking_push_failed")).toHaveLength(0);
  const resolved = await e2eDb()
    .select({ n: sql<number>`count(*)` })
    .from(alertEvents)
    .where(
      and(
        eq(alertEvents.type, "resolved"),
        inArray(
          alertEvents.alertId,
          failing.map((a) => a.id),
        ),
      ),
    );
  expect(Number(resolved[0]!.n)).toBe(failing.length);
});

test("a merchant user posting another merchant's alert id to each action gets 'not found' and nothing changes", async ({ page }) => {
  await signIn(page, DEMO_USERS.merchantUser.email);
  const own = (await openOf("address_invalid", await merchantId("Alder & Oak Home")))[0]!;
  const other = (await openOf("address_invalid", await merchantId("Bright Trail Outdoor")))[0]!;
  const before = await e2eDb().select().from(alerts).where(eq(alerts.id, other.id));
  const events = async () => e2eDb().select().from(alertEvents).where(eq(alertEvents.alertId, other.id));
  const eventsBefore = (await events()).length;
  for (const [open, submit] of [
    [null, "Retry now"],
    ["Dismiss…", "Dismiss alert"],
    ["Snooze…", "Snooze alert"],
  ] as const) {
    await page.goto(`/alerts/${own.id}`);
    if (open) await page.getByRole("button", { name: open }).click();
    // Tamper with the form the way a hand-crafted request would: the other merchant's alert id.
    await page
      .locator("input[name=id]")
      .evaluateAll((inputs, id) => inputs.forEach((i) => ((i as HTMLInputElement).value = String(id))), other.id);
    await page.getByRole("button", { name: submit }).click();
    await expect(page.getByTestId("action-result")).toContainText(/not found/i);
  }
  expect(await e2eDb().select().from(alerts).where(eq(alerts.id, other.id))).toEqual(before);
  expect(await events()).toHaveLength(eventsBefore);
});

// One test per page: an axe run takes a few seconds each on a busy machine.
for (const path of ["/alerts", "/alerts?state=resolved", "an alert's page", "/settings/profile", "/settings/connections", "/dev/mailbox"]) {
  test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await signIn(page, DEMO_USERS.warehouseAdmin.email);
    const [anAlert] = await openOf("address_invalid");
    await page.goto(path.startsWith("/") ? path : `/alerts/${anAlert!.id}`);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path}: ${v.id} ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
