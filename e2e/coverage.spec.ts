import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { and, asc, eq, sql } from "drizzle-orm";
import { alertContacts, alerts, connections, emailOutbox, orders } from "../db/schema";
import { E2E_BASE_URL } from "./config";
import { DEMO_USERS, e2eDb, merchantId, signIn } from "./fixtures";

/**
 * Every page, route handler and server action of the app, read from the filesystem at test time, against
 * a table of what each must do signed out and for a foreign tenant. A new page.tsx, route.ts or exported
 * action without an entry here fails the first test: new code is covered by default, not by memory.
 */

const APP = "app";

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** app/(app)/alerts/[id]/page.tsx → /alerts/[id]: route groups are not in the URL. */
function routeOf(file: string) {
  const segments = relative(APP, file)
    .split(sep)
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return "/" + segments.join("/");
}

const files = walk(APP);
const pageRoutes = files
  .filter((f) => /[\\/]page\.tsx$/.test(f))
  .map(routeOf)
  .sort();
const handlerRoutes = files
  .filter((f) => /[\\/]route\.ts$/.test(f))
  .map(routeOf)
  .sort();
/** Every export of a "use server" actions.ts that is a function (not a type): `file#name`. */
const serverActions = files
  .filter((f) => /[\\/]actions\.ts$/.test(f))
  .flatMap((f) => {
    const source = readFileSync(f, "utf8");
    if (!/^\s*["']use server["']/.test(source)) return [];
    return [...source.matchAll(/^export (?:async function|const) (\w+)/gm)].map((m) => `${relative(".", f).split(sep).join("/")}#${m[1]}`);
  })
  .sort();

type Ids = Awaited<ReturnType<typeof loadIds>>;

async function loadIds() {
  const db = e2eDb();
  const own = await merchantId("Alder & Oak Home");
  const other = await merchantId("Bright Trail Outdoor");
  const first = async <T extends { id: number }>(q: Promise<T[]>) => {
    const [row] = await q;
    if (!row) throw new Error("the e2e database lacks a record this test needs");
    return row.id;
  };
  const alertOf = (a: number) =>
    first(
      db
        .select({ id: alerts.id })
        .from(alerts)
        .where(and(eq(alerts.accountId, a), eq(alerts.state, "open")))
        .orderBy(asc(alerts.id))
        .limit(1),
    );
  const orderOf = (a: number) =>
    first(db.select({ id: orders.id }).from(orders).where(eq(orders.accountId, a)).orderBy(asc(orders.id)).limit(1));
  const connectionOf = (a: number) =>
    first(db.select({ id: connections.id }).from(connections).where(eq(connections.accountId, a)).limit(1));
  const contactOf = (a: number) =>
    first(db.select({ id: alertContacts.id }).from(alertContacts).where(eq(alertContacts.accountId, a)).limit(1));
  const warehouse = await merchantId("Northwind Fulfillment");
  // A correction that passes validation (a sent order's address), so saveAndResend gets as far as the lookup.
  const [sent] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, own), eq(orders.status, "new")))
    .limit(1);
  if (!sent) throw new Error("no new order of Alder & Oak");
  return {
    own: {
      account: own,
      alert: await alertOf(own),
      order: await orderOf(own),
      correction: { shipTo: sent.shipTo, shipMethodLabel: sent.shipMethodLabel },
    },
    foreign: {
      account: other,
      warehouse,
      alert: await alertOf(other),
      order: await orderOf(other),
      connection: await connectionOf(other),
      contact: await contactOf(other),
    },
  };
}

/** Pages: the value of each [param] for the signed-out run and for the foreign-tenant run (null: not tenant-scoped). */
const PAGES: Record<string, { public?: string; param?: (ids: Ids) => { own: string; foreign: string | null } }> = {
  "/": {},
  "/alerts": {},
  "/alerts/[id]": { param: (ids) => ({ own: String(ids.own.alert), foreign: String(ids.foreign.alert) }) },
  "/orders": {},
  "/orders/[id]": { param: (ids) => ({ own: String(ids.own.order), foreign: String(ids.foreign.order) }) },
  "/settings/connections": {},
  "/settings/profile": {},
  "/settings/ship-methods": {},
  "/settings/ship-by": {},
  "/settings/sku-mappings": {},
  "/settings/error-library": {},
  "/settings/error-library/new": {},
  "/login": { public: "sign-in" },
  "/login/check-email": { public: "sign-in" },
  "/unsubscribe": { public: "its signed token says who the contact is; without one it says the link is not valid" },
  "/dev/mailbox": {},
  "/dev/mailbox/[id]": { param: () => ({ own: "1", foreign: null }) },
};

/** Route handlers: what a signed-out request (with no signature or token) must get. */
const HANDLERS: Record<string, { method: "GET" | "POST"; path: (ids: Ids) => string; status: number[]; note?: string }> = {
  "/api/auth/[...nextauth]": {
    method: "GET",
    path: () => "/api/auth/session",
    status: [200],
    note: "Auth.js itself: a signed-out session is null",
  },
  "/api/unsubscribe": { method: "POST", path: () => "/api/unsubscribe?token=forged", status: [404] },
  "/api/webhooks/[connectionId]": { method: "POST", path: (ids) => `/api/webhooks/${ids.foreign.connection}`, status: [401] },
  "/api/webhooks/schema.json": {
    method: "GET",
    path: () => "/api/webhooks/schema.json",
    status: [200],
    note: "the public JSON Schema of the events",
  },
};

/**
 * Server actions: the arguments that name a foreign record, and what the answer must say. `null`: the action
 * names no record (sign-in, sign-out) and is left to the specs of those flows.
 */
type ActionCase = { args: (ids: Ids) => unknown[]; answer: RegExp } | { reason: string };
const form = (fields: Record<string, string | number>) => ({
  $form: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
});
const ACTIONS: Record<string, ActionCase> = {
  "app/(app)/actions.ts#signOutAction": { reason: "names no record" },
  "app/login/actions.ts#signInWithPassword": { reason: "names no record (sign-in.spec.ts)" },
  "app/login/actions.ts#sendSignInLink": { reason: "names no record (sign-in.spec.ts)" },
  "app/(app)/settings/profile/actions.ts#changePasswordAction": {
    reason: "names no record: the signed-in user's own password (sessions-and-limits.spec.ts)",
  },
  "app/(app)/settings/profile/actions.ts#setTimeZoneAction": {
    reason: "names no record: the signed-in user's own time zone (time-zones.spec.ts)",
  },
  "app/(app)/alerts/actions.ts#matchingAlertIds": { args: (ids) => [{ merchant: ids.foreign.account }], answer: /"data":\[\]/ },
  "app/(app)/alerts/actions.ts#bulkAlertAction": {
    args: (ids) => [{ action: "dismiss", ids: [ids.foreign.alert] }],
    answer: /"notFound":1/,
  },
  "app/(app)/alerts/actions.ts#retryAlertAction": { args: (ids) => [{ id: ids.foreign.alert }], answer: /Alert not found/ },
  "app/(app)/alerts/actions.ts#dismissAlertAction": { args: (ids) => [{ id: ids.foreign.alert }], answer: /Alert not found/ },
  "app/(app)/alerts/actions.ts#snoozeAlertAction": {
    args: (ids) => [{ id: ids.foreign.alert, until: "2099-01-01" }],
    answer: /Alert not found/,
  },
  "app/(app)/orders/actions.ts#resendOrderAction": {
    args: (ids) => [{ orderId: ids.foreign.order, version: 1 }],
    answer: /Order not found/,
  },
  "app/(app)/orders/actions.ts#resendOrdersAction": {
    args: (ids) => [{ orders: [{ id: ids.foreign.order, version: 1 }] }],
    answer: /"notFound":1/,
  },
  "app/(app)/orders/actions.ts#findResendableOrderIdsAction": {
    args: (ids) => [{ merchantId: ids.foreign.account }],
    answer: /"orders":\[\]/,
  },
  "app/(app)/orders/actions.ts#saveAndResendAction": {
    args: (ids) => [{ orderId: ids.foreign.order, version: 1, order: ids.own.correction }],
    answer: /not found/i,
  },
  "app/(app)/settings/connections/actions.ts#revealWebhookSecretAction": {
    args: (ids) => [{ connectionId: ids.foreign.connection }],
    answer: /not found/i,
  },
  "app/(app)/settings/connections/actions.ts#rotateWebhookSecretAction": {
    args: (ids) => [{ connectionId: ids.foreign.connection }],
    answer: /not found/i,
  },
  "app/(app)/settings/connections/actions.ts#updateConnectionSettingsAction": {
    args: (ids) => [
      {
        connectionId: ids.foreign.connection,
        settings: { syncIntervalMinutes: 30, endpointUrl: "https://attacker.example", credential: "" },
      },
    ],
    answer: /not found/i,
  },
  "app/(app)/settings/connections/actions.ts#pauseConnectionAction": {
    args: (ids) => [{ connectionId: ids.foreign.connection }],
    answer: /not found/i,
  },
  "app/(app)/settings/connections/actions.ts#resumeConnectionAction": {
    args: (ids) => [{ connectionId: ids.foreign.connection }],
    answer: /not found/i,
  },
  "app/(app)/settings/ship-methods/actions.ts#saveShipMethodMappingAction": {
    // The demo data has one warehouse, which serves Sam's merchant too: a merchant user is refused by role.
    args: (ids) => [{ warehouseId: ids.foreign.warehouse, cartLabel: "Coverage Probe", carrier: "usps", serviceCode: "usps_probe" }],
    answer: /not found|Only an admin of the warehouse/i,
  },
  "app/(app)/settings/ship-by/actions.ts#saveCutoffSettingsAction": {
    // Like ship-method mappings: another warehouse's id is not found, a merchant user is refused by role.
    args: (ids) => [
      { warehouseId: ids.foreign.warehouse, timeZone: "UTC", defaultCutoff: "14:00", weekdaysOff: [0, 6], leadMinutes: "120" },
    ],
    answer: /not found|Only an admin of the warehouse/i,
  },
  "app/(app)/settings/connections/actions.ts#updateSilenceSettingsAction": {
    args: (ids) => [{ connectionId: ids.foreign.connection, sensitivity: "off", quietWeekdays: [], quietFrom: "", quietTo: "" }],
    answer: /not found/i,
  },
  // The error library's settings are a warehouse admin's: the merchant user of the foreign run is refused by role.
  "app/(app)/settings/sku-mappings/actions.ts#saveSkuMappingAction": {
    args: () => [{ cartSku: "BT-BOTL-1L-BLU", wmsSku: "COVERAGE-PROBE" }],
    answer: /Only an admin of the warehouse/,
  },
  "app/(app)/alerts/actions.ts#renewCredentialAction": {
    args: (ids) => [{ connectionId: ids.foreign.connection, credential: "a-new-credential-1" }],
    answer: /not found/i,
  },
  // A code none of the caller's orders is held on: nothing of another tenant's is corrected or sent.
  "app/(app)/alerts/actions.ts#correctRegionCodeAction": {
    args: () => [{ code: "QQ", replacement: "TX" }],
    answer: /No order was sent/,
  },
  "app/(app)/settings/sku-mappings/actions.ts#retryHeldOnSkuAction": {
    args: () => [{ sku: "BT-BOTL-1L-BLU" }],
    answer: /Only an admin of the warehouse/,
  },
  "app/(app)/settings/error-library/actions.ts#previewErrorRuleAction": {
    args: () => [{ messageContains: "item master", treatAs: "retryable" }],
    answer: /Only an admin of the warehouse/,
  },
  "app/(app)/settings/error-library/actions.ts#saveErrorRuleAction": {
    args: () => [{ messageContains: "item master", treatAs: "retryable" }],
    answer: /Only an admin of the warehouse/,
  },
  "app/(app)/settings/error-library/actions.ts#deleteErrorRuleAction": {
    args: () => [{ ruleId: 1 }],
    answer: /Only an admin of the warehouse/,
  },
  "app/(app)/settings/profile/actions.ts#addAlertContactAction": {
    args: (ids) => [null, form({ accountId: ids.foreign.account, email: "probe@coverage.example", frequency: "daily" })],
    answer: /not found/i,
  },
  "app/(app)/settings/profile/actions.ts#updateAlertContactAction": {
    args: (ids) => [
      null,
      form({
        id: ids.foreign.contact,
        email: "probe@coverage.example",
        frequency: "off",
        timeZone: "Europe/Berlin",
        digestHour: "7",
        topics: "shown",
        "topic.address": "on",
      }),
    ],
    answer: /not found/i,
  },
  "app/(app)/settings/profile/actions.ts#removeAlertContactAction": {
    args: (ids) => [null, form({ id: ids.foreign.contact })],
    answer: /not found/i,
  },
};

test("every page, route handler and server action of the app has an entry here", () => {
  expect(pageRoutes, "app/**/page.tsx without an entry in PAGES").toEqual(Object.keys(PAGES).sort());
  expect(handlerRoutes, "app/**/route.ts without an entry in HANDLERS").toEqual(Object.keys(HANDLERS).sort());
  expect(serverActions, "exported server actions without an entry in ACTIONS").toEqual(Object.keys(ACTIONS).sort());
});

const fill = (route: string, value: string) => route.replace(/\[[^\]]+\]/g, value);

test("signed out, every page but the public ones sends to /login, and every route handler refuses", async ({ page, request }) => {
  const ids = await loadIds();
  for (const [route, entry] of Object.entries(PAGES)) {
    const path = entry.param ? fill(route, entry.param(ids).own) : route;
    const response = await page.goto(path);
    if (entry.public) expect(new URL(page.url()).pathname, `${route} is public`).toBe(path);
    else {
      await expect(page, `${route} signed out`).toHaveURL(/\/login\?callbackUrl=/);
      expect(response?.status()).toBe(200);
    }
  }
  for (const [route, entry] of Object.entries(HANDLERS)) {
    const response = await request.fetch(entry.path(ids), {
      method: entry.method,
      data: entry.method === "POST" ? "{}" : undefined,
      maxRedirects: 0,
    });
    expect(entry.status, `${route}: ${entry.method} answered ${response.status()}`).toContain(response.status());
    if (route === "/api/auth/[...nextauth]") expect(await response.text()).toBe("null");
  }
});

test("signed out, a server action does not run", async ({ request }) => {
  const ids = await loadIds();
  const before = await checksum();
  for (const [key, entry] of Object.entries(ACTIONS)) {
    if ("reason" in entry) continue;
    const response = await callAction(request, key, entry.args(ids), "/alerts");
    const body = await response.text();
    expect(body, `${key} signed out`).not.toMatch(/"ok":true/);
  }
  expect(await checksum()).toBe(before);
});

test.describe("signed in as a merchant user, another merchant's records", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_USERS.merchantUser.email);
  });

  test("every page with another merchant's id is the 404 page", async ({ page }) => {
    const ids = await loadIds();
    for (const [route, entry] of Object.entries(PAGES)) {
      const value = entry.param?.(ids).foreign;
      if (!value) continue;
      const response = await page.goto(fill(route, value));
      expect(response?.status(), route).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });

  test("every server action given another merchant's id answers not found and changes no row", async ({ page }) => {
    test.setTimeout(90_000);
    const ids = await loadIds();
    const before = await checksum();
    for (const [key, entry] of Object.entries(ACTIONS)) {
      if ("reason" in entry) continue;
      const response = await callAction(page.request, key, entry.args(ids), "/alerts");
      expect(response.status(), key).toBe(200);
      const body = await response.text();
      expect(body, key).toMatch(entry.answer);
    }
    expect(await checksum(), "no row changed").toBe(before);
  });
});

/** The action ids of this build, by source file and export (what the browser would post as `Next-Action`). */
function actionIds(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return new Map(Object.entries(manifest.node).map(([id, a]) => [`${a.filename}#${a.exportedName}`, id]));
}

/**
 * Posts an action as React's client does: JSON arguments, or multipart when one is a FormData
 * (`{ $form }` here), whose fields go under the `_1_` prefix (React 19.3) and the argument list refers to it as "$K1".
 */
async function callAction(request: APIRequestContext, key: string, args: unknown[], from: string) {
  const id = actionIds().get(key);
  if (!id) throw new Error(`${key} is not in this build's action manifest: build again`);
  const headers = { "Next-Action": id, Accept: "text/x-component", Origin: E2E_BASE_URL };
  const formIndex = args.findIndex((a) => a && typeof a === "object" && "$form" in a);
  if (formIndex < 0)
    return request.post(from, { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify(args) });
  const fields = (args[formIndex] as { $form: Record<string, string> }).$form;
  // The root part last, as React sends it: the server resolves "$K1" when it reads part 0, from the parts before it.
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify(args.map((a, i) => (i === formIndex ? "$K1" : a))));
  return request.post(from, { headers, multipart });
}

/** A hash of every row of every table but the outbox (sign-in links land there): any write shows. */
async function checksum() {
  const db = e2eDb();
  const tables = await db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' and name not like '__drizzle%' order by name`,
  );
  const hash = createHash("sha256");
  for (const { name } of tables) {
    if (name === getTableName(emailOutbox)) continue;
    // Rows sorted as text: the search index's shadow tables have no rowid to order by.
    const rows = (await db.all(sql.raw(`select * from "${name}"`))).map((r) => JSON.stringify(r)).sort();
    hash.update(name + rows.join("\n"));
  }
  return hash.digest("hex");
}

function getTableName(table: unknown) {
  return (table as Record<symbol, string>)[Symbol.for("drizzle:Name")];
}
