import { expect, type Page, type Request } from "@playwright/test";
import { and, desc, eq, sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { accounts, alerts, emailOutbox, orders } from "../db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/demo-users";
import { E2E_DATABASE_URL } from "./config";

export { DEMO_PASSWORD, DEMO_USERS };

/** The database the test server runs on, for looking up ids the tests navigate to. */
export const e2eDb = () => openDatabase(E2E_DATABASE_URL).db;

export async function signInWithPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/alerts$/);
}

export async function merchantId(name: string): Promise<number> {
  const [row] = await e2eDb().select({ id: accounts.id }).from(accounts).where(eq(accounts.name, name));
  if (!row) throw new Error(`no merchant ${name}`);
  return row.id;
}

export async function openAlertCount(accountIds: number[]): Promise<number> {
  const [row] = await e2eDb()
    .select({ n: sql<number>`count(*)` })
    .from(alerts)
    .where(
      and(
        eq(alerts.state, "open"),
        sql`${alerts.accountId} in (${sql.join(
          accountIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function anOpenAlertOf(accountId: number) {
  const [row] = await e2eDb()
    .select()
    .from(alerts)
    .where(and(eq(alerts.accountId, accountId), eq(alerts.state, "open")))
    .limit(1);
  if (!row) throw new Error("no open alert");
  return row;
}

export async function anOrderOf(accountId: number) {
  const [row] = await e2eDb().select().from(orders).where(eq(orders.accountId, accountId)).limit(1);
  if (!row) throw new Error("no order");
  return row;
}

/**
 * The newest sign-in link kept for `to` in the local outbox, read from the database: the mailbox page needs a
 * signed-in user, and a person signing in by link has none yet (locally the link is printed by the server).
 */
export async function latestSignInLink(to: string): Promise<{ id: number; href: string } | null> {
  const [row] = await e2eDb()
    .select({ id: emailOutbox.id, html: emailOutbox.html })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, "magic-link")))
    .orderBy(desc(emailOutbox.id))
    .limit(1);
  const href = row?.html.match(/href="([^"]*\/api\/auth\/callback\/resend[^"]*)"/)?.[1];
  return row && href ? { id: row.id, href: href.replaceAll("&amp;", "&") } : null;
}

/** Captures the next server action a settings page posts, and stops it before it reaches the server (to replay it as someone else). */
export async function captureAction(page: Page): Promise<() => Promise<Request>> {
  let resolve: (r: Request) => void = () => {};
  const captured = new Promise<Request>((r) => (resolve = r));
  await page.route("**/settings/**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    resolve(request);
    await route.abort();
  });
  return () => captured;
}
