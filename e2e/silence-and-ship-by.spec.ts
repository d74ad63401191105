import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { and, eq, like } from "drizzle-orm";
import { alertContacts, connections, deliveries, emailOutbox, orders, webhookReceipts } from "../db/schema";
import { processConnection } from "../lib/retry/process-connection";
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_DATABASE_URL } from "./config";
import { DEMO_PASSWORD, DEMO_USERS, e2eDb, signIn, signInWithPassword } from "./fixtures";
import { createMailTenant } from "./mail-tenant";

// A job run is a process of its own (npm run job), a few seconds each.
test.describe.configure({ timeout: 120_000 });

async function runJob(job: string, now?: Date) {
  await promisify(execFile)("node_modules/.bin/tsx", ["scripts/run-job.ts", job, ...(now ? ["--now", now.toISOString()] : [])], {
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      APP_URL: E2E_BASE_URL,
      AUTH_SECRET: E2E_AUTH_SECRET,
      RESEND_API_KEY: "",
    },
  });
}

test("docs/silence.md: the demo's silent cart shows its connection_silent alert with the usual count", async ({ page }) => {
  const db = e2eDb();
  // The seed stopped alderandoak.myshopify.com's orders 7 h before it ran: the watch runs 7 h 5 min after its last order.
  const [cart] = await db.select().from(connections).where(eq(connections.name, "alderandoak.myshopify.com"));
  const [last] = await db
    .select()
    .from(webhookReceipts)
    .where(and(eq(webhookReceipts.connectionId, cart!.id), like(webhookReceipts.webhookId, "msg_demo_last_%")));
  await runJob("watch-silence", new Date(last!.receivedAt.getTime() + (7 * 60 + 5) * 60_000));

  await signIn(page, DEMO_USERS.warehouseAdmin.email);
  await page.goto("/alerts?kind=connection_silent");
  const row = page.getByTestId("alert-row").filter({ hasText: "alderandoak.myshopify.com" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Connection silent");
  await expect(row).toContainText("No orders from alderandoak.myshopify.com for 7 h 5 min; by now there are usually about 14.");
  await expect(row).toContainText("No webhook of any kind has arrived from it since.");
  await row.getByRole("link").click();
  await expect(page.getByText(/^Open for \d/)).toBeVisible();
});

test("docs/ship-by.md: an order due out soon sorts first, says how long is left, and is emailed at once, once", async ({
  page,
}, testInfo) => {
  const tenant = await createMailTenant(`sb${testInfo.workerIndex}${Date.now().toString(36)}`);
  const db = e2eDb();
  const now = new Date();
  const contact = `dock-${tenant.tag}@mailtest-shop.example`;
  await db.insert(alertContacts).values({
    accountId: tenant.merchant.id,
    email: contact,
    name: "Dock lead",
    frequency: "immediate",
    createdAt: new Date(now.getTime() - 3_600_000),
    updatedAt: now,
  });
  // Three orders the WMS answers 503 to (retried hourly, so their alerts would wait for a digest): due in 3 days, in
  // 1 h 30 min, and one without a ship-by raised last (the newest).
  const make = async (number: string, shipBy: Date | null) => {
    const [order] = await db
      .insert(orders)
      .values({
        accountId: tenant.merchant.id,
        orderNumber: number,
        shipTo: { name: "Ada Lovelace", line1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
        shipMethodLabel: "Standard",
        lines: [{ sku: "MT-1", quantity: 1 }],
        placedAt: now,
        shipBy,
        shipBySource: shipBy ? "cart" : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await db.insert(deliveries).values({
      accountId: tenant.merchant.id,
      connectionId: tenant.wms.id,
      kind: "order_to_wms",
      orderId: order!.id,
      payload: {},
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const down = async () => ({
      kind: "transient" as const,
      status: 503,
      code: null,
      message: "503 Service Unavailable",
      retryAfterMs: null,
    });
    await processConnection({ db, now, send: down, owner: `e2e:${tenant.tag}` }, { connectionId: tenant.wms.id, mode: "sync" });
    return order!;
  };
  await make(`#SB-LATER-${tenant.tag}`, new Date(now.getTime() + 3 * 86_400_000));
  const soon = await make(`#SB-SOON-${tenant.tag}`, new Date(now.getTime() + 90 * 60_000));
  await make(`#SB-NONE-${tenant.tag}`, null);

  await page.goto("/alerts");
  await signInWithPassword(page, tenant.userEmail, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/alerts$/);
  const rows = page.getByTestId("alert-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(soon.orderNumber);
  await expect(rows.nth(0).getByTestId("ship-by")).toHaveText(/^Misses ship-by in 1 h (29|30) min$/);
  await expect(rows.nth(0).getByTestId("alert-status")).toContainText("Retrying hourly, but the order is due out at");
  await expect(rows.nth(1)).toContainText(`#SB-LATER-${tenant.tag}`);
  await expect(rows.nth(2)).toContainText(`#SB-NONE-${tenant.tag}`);

  await runJob("send-alert-emails");
  await runJob("send-alert-emails");
  const sent = await db.select().from(emailOutbox).where(eq(emailOutbox.to, contact));
  expect(sent.map((e) => e.subject)).toEqual([
    expect.stringMatching(
      new RegExp(`^Misses its ship-by in 1 h \\d+ min unless fixed: Order ${soon.orderNumber.replace("#", "\\#")} \\(`),
    ),
  ]);
  expect(sent[0]!.idempotencyKey).toMatch(/^alert:\d+:ship_by_soon:contact:\d+$/);
});
