import { expect as baseExpect, type Page } from "@playwright/test";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { alertEvents, alerts, deliveries, orders, type OrderStatus } from "../db/schema";
import { e2eDb, merchantId } from "./fixtures";

/**
 * Several checkouts run their browser tests on this machine at once, so an action's answer can take a while:
 * these specs wait for what the user sees longer than Playwright's default 5 s.
 */
export const expect = baseExpect.configure({ timeout: 15_000 });
export const SLOW_TEST_TIMEOUT = 90_000;

/** The first order of a merchant in a status, optionally held for a given reason (the delivery's error code). */
export async function anOrder(merchant: string, status: OrderStatus, errorCode?: string, messageLike?: string) {
  const accountId = await merchantId(merchant);
  const [row] = await e2eDb()
    .select({ order: orders })
    .from(orders)
    .innerJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms")))
    .where(
      and(
        eq(orders.accountId, accountId),
        eq(orders.status, status),
        errorCode ? eq(deliveries.lastErrorCode, errorCode) : undefined,
        messageLike ? like(deliveries.lastError, `%${messageLike}%`) : undefined,
      ),
    )
    .orderBy(asc(orders.id))
    .limit(1);
  if (!row) throw new Error(`no ${status} order of ${merchant}`);
  return row.order;
}

export async function orderById(id: number) {
  const [row] = await e2eDb().select().from(orders).where(eq(orders.id, id));
  return row!;
}

/** Everything an action could change about an order: the order, its delivery, its alerts and their history. */
export async function orderFootprint(id: number) {
  const db = e2eDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, id));
  const [delivery] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.orderId, id), eq(deliveries.kind, "order_to_wms")));
  const orderAlerts = await db.select().from(alerts).where(eq(alerts.orderId, id));
  const [events] = await db
    .select({ n: sql<number>`count(*)` })
    .from(alertEvents)
    .innerJoin(alerts, eq(alerts.id, alertEvents.alertId))
    .where(eq(alerts.orderId, id));
  return { order, delivery, alerts: orderAlerts, events: Number(events?.n ?? 0) };
}

export async function alertsOfOrder(id: number) {
  return e2eDb().select().from(alerts).where(eq(alerts.orderId, id));
}

/**
 * Makes every server action the page posts carry `to` wherever it names the order `from`: what a user who
 * edits the request by hand would send. Returns how many requests were rewritten.
 */
export async function rewriteOrderIdInActions(page: Page, from: number, to: number) {
  const counter = { rewritten: 0 };
  await page.route("**/*", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() !== "POST" || !request.headers()["next-action"] || !body) return route.continue();
    const changed = body
      .replace(new RegExp(`("orderId":)${from}(?!\\d)`, "g"), `$1${to}`)
      .replace(new RegExp(`("id":)${from}(?!\\d)`, "g"), `$1${to}`);
    if (changed !== body) counter.rewritten++;
    return route.continue({ postData: changed });
  });
  return counter;
}
