import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { idempotencyKey } from "../lib/connectors/send";
import { E2E_BASE_URL } from "./config";
import { signIn } from "./fixtures";
import {
  createWebhookWorld,
  deliveriesOf,
  orderOf,
  postEvent,
  rowCounts,
  sandboxKeys,
  signHeaders,
  type WebhookWorld,
} from "./webhook-fixtures";

// Real requests, signed with the Standard Webhooks reference library, posted over HTTP to the production
// server; effects checked in its database, at the sandbox connector and in the pages.
test.describe.configure({ mode: "serial" });

let world: WebhookWorld;
test.beforeAll(async () => {
  world = await createWebhookWorld();
});

const shipTo = {
  name: "Grace Liu",
  line1: "1 Market St",
  line2: "Floor 4",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
};
const orderEvent = (orderNumber: string, shipMethodLabel = "Standard Shipping") => ({
  type: "order.upserted",
  data: { orderNumber, shipTo, shipMethodLabel, lines: [{ sku: "AO-MUG-STN-12", quantity: 2 }] },
});

test("order.upserted: the order appears and reaches the sandbox WMS", async ({ request }) => {
  const response = await postEvent(request, world.cart, orderEvent("#E2E-1001"));
  expect(response.status()).toBe(202);
  expect(await response.json()).toEqual({ id: expect.any(Number) });

  await expect.poll(async () => (await orderOf(world, "#E2E-1001"))?.status).toBe("at_wms");
  const order = (await orderOf(world, "#E2E-1001"))!;
  const [delivery] = (await deliveriesOf(world)).filter((d) => d.orderId === order.id);
  expect(delivery).toMatchObject({ kind: "order_to_wms", connectionId: world.wms.id, status: "succeeded" });
  expect((await sandboxKeys(request, "alder-oak/wms"))[idempotencyKey(delivery!)]).toBe(1);
});

test("a replayed webhook-id gets the same answer and is stored once", async ({ request }) => {
  const id = `msg_replay_${Date.now()}`;
  const first = await postEvent(request, world.cart, orderEvent("#E2E-1002"), { id });
  const before = await rowCounts(world);
  const again = await postEvent(request, world.cart, orderEvent("#E2E-1002"), { id });
  expect([first.status(), again.status()]).toEqual([202, 202]);
  expect(await again.json()).toEqual(await first.json());
  await expect.poll(async () => (await orderOf(world, "#E2E-1002"))?.status).toBe("at_wms");
  expect((await rowCounts(world)).receipts).toBe(before.receipts);
});

test("shipment.created and inventory.updated reach the sandbox cart", async ({ request }) => {
  const shipment = await postEvent(request, world.wms, {
    type: "shipment.created",
    data: { orderNumber: "#E2E-1001", carrier: "UPS", trackingNumber: "1ZE2E0001" },
  });
  const inventory = await postEvent(request, world.wms, {
    type: "inventory.updated",
    data: {
      items: [
        { sku: "AO-MUG-STN-12", quantity: 140 },
        { sku: "AO-CNDL-CED-8", quantity: 0 },
      ],
    },
  });
  expect([shipment.status(), inventory.status()]).toEqual([202, 202]);

  await expect.poll(async () => (await orderOf(world, "#E2E-1001"))?.status).toBe("shipped");
  const toCart = () => deliveriesOf(world).then((rows) => rows.filter((d) => d.connectionId === world.cart.id));
  await expect
    .poll(async () => (await toCart()).map((d) => `${d.kind} ${d.status}`).sort())
    .toEqual(["inventory_to_cart succeeded", "inventory_to_cart succeeded", "tracking_to_cart succeeded"]);
  const keys = await sandboxKeys(request, "alder-oak/cart");
  for (const delivery of await toCart()) expect(keys[idempotencyKey(delivery)]).toBe(1);
});

test("error.reported shows in the Alerts tab with its message verbatim", async ({ request, page }) => {
  const message = `Hazmat item AO-CNDL-CED-8 needs a ground service; choose one before release (${Date.now()}).`;
  const response = await postEvent(request, world.wms, {
    type: "error.reported",
    data: { orderNumber: "#E2E-1001", code: "requires_action", message },
  });
  expect(response.status()).toBe(202);
  await signIn(page, world.adminEmail);
  await expect(async () => {
    await page.goto("/alerts");
    const row = page.getByTestId("alert-row").filter({ hasText: message });
    await expect(row).toContainText("Reported error");
    await expect(row).toContainText("Needs you");
    await expect(row).toContainText("#E2E-1001");
  }).toPass();
});

test.describe("each bad request gets its status and a clear JSON error, and changes nothing", () => {
  const body = JSON.stringify(orderEvent("#E2E-BAD"));
  const cases: {
    name: string;
    status: number;
    code: string;
    message: RegExp;
    send: (r: import("@playwright/test").APIRequestContext) => ReturnType<typeof postEvent>;
  }[] = [
    {
      name: "wrong secret",
      status: 401,
      code: "invalid_signature",
      message: /signature does not match/,
      send: (r) => postEvent(r, { id: world.cart.id, secret: world.wms.secret }, body),
    },
    {
      name: "no headers",
      status: 401,
      code: "missing_signature",
      message: /Missing webhook-id, webhook-timestamp, webhook-signature/,
      send: (r) => r.post(`/api/webhooks/${world.cart.id}`, { data: body, headers: { "content-type": "application/json" } }),
    },
    {
      name: "timestamp 10 minutes old",
      status: 401,
      code: "timestamp_out_of_tolerance",
      message: /10 min in the past/,
      send: (r) => postEvent(r, world.cart, body, { at: new Date(Date.now() - 10 * 60_000) }),
    },
    {
      name: "body tampered after signing",
      status: 401,
      code: "invalid_signature",
      message: /signature does not match/,
      send: (r) =>
        r.post(`/api/webhooks/${world.cart.id}`, {
          headers: signHeaders(world.cart.secret, body),
          data: body.replace("#E2E-BAD", "#E2E-EVIL"),
        }),
    },
    {
      name: "malformed JSON",
      status: 400,
      code: "invalid_json",
      message: /not JSON/,
      send: (r) => postEvent(r, world.cart, '{"type":"order.upserted","data":'),
    },
    {
      name: "wrong field types",
      status: 422,
      code: "invalid_event",
      message: /data\.lines\.0\.quantity/,
      send: (r) =>
        postEvent(r, world.cart, {
          type: "order.upserted",
          data: { ...orderEvent("#E2E-BAD").data, lines: [{ sku: "A", quantity: "two" }] },
        }),
    },
    {
      name: "unknown type",
      status: 422,
      code: "invalid_event",
      message: /Unknown event type 'order\.deleted'/,
      send: (r) => postEvent(r, world.cart, { type: "order.deleted", data: {} }),
    },
    {
      name: "300 KiB body",
      status: 413,
      code: "payload_too_large",
      message: /larger than 262144 bytes/,
      send: (r) => postEvent(r, world.wms, { type: "error.reported", data: { sku: "X", message: "m".repeat(300 * 1024) } }),
    },
    {
      name: "another merchant's connection id",
      status: 401,
      code: "invalid_signature",
      message: /signature does not match/,
      send: (r) => postEvent(r, { id: world.demoCart.id, secret: world.cart.secret }, body),
    },
  ];

  for (const c of cases) {
    test(c.name, async ({ request }) => {
      const before = await rowCounts(world);
      const response = await c.send(request);
      expect(response.status()).toBe(c.status);
      expect(response.headers()["content-type"]).toContain("application/json");
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe(c.code);
      expect(error.message).toMatch(c.message);
      // Processing is in the background: give a wrongly accepted event the time to show.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await rowCounts(world)).toEqual(before);
    });
  }

  test("an unknown connection and a bad signature get byte-identical answers", async ({ request }) => {
    const unknown = await postEvent(request, { id: 987_654, secret: world.cart.secret }, body);
    const wrong = await postEvent(request, { id: world.cart.id, secret: world.wms.secret }, body);
    expect([unknown.status(), wrong.status()]).toEqual([401, 401]);
    expect(await unknown.text()).toBe(await wrong.text());
  });
});

test("docs/webhooks.md, followed word for word from a terminal, makes an order appear in the app", async ({ page }) => {
  const docs = readFileSync("docs/webhooks.md", "utf8");
  const block = /<!-- docs-try-it[^>]*-->\n```sh\n([\s\S]*?)```/.exec(docs)?.[1];
  expect(block).toBeTruthy();
  const { stdout } = await promisify(execFile)("bash", ["-c", block!], {
    env: { ...process.env, FIXLINE_URL: `${E2E_BASE_URL}/api/webhooks/${world.cart.id}`, FIXLINE_SECRET: world.cart.secret },
  });
  expect(stdout).toMatch(/^\{"id":\d+\}\nHTTP 202\n$/);
  await expect.poll(async () => (await orderOf(world, "#WH1001"))?.status).toBe("at_wms");

  await signIn(page, world.adminEmail);
  await page.goto("/orders");
  await expect(page.getByRole("link", { name: "#WH1001" })).toBeVisible();
});

test("the connections page reveals and copies the URL and secret, rotates it, and lists the last events", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, world.adminEmail);
  await page.goto("/settings/connections");
  const card = page.getByTestId(`webhooks-${world.cart.id}`);
  await expect(card.getByTestId("webhook-url")).toHaveText(`${E2E_BASE_URL}/api/webhooks/${world.cart.id}`);
  await card.getByRole("button", { name: "Copy URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${E2E_BASE_URL}/api/webhooks/${world.cart.id}`);

  await expect(card.getByTestId("webhook-secret")).not.toContainText(world.cart.secret);
  await card.getByRole("button", { name: "Reveal" }).click();
  await expect(card.getByTestId("webhook-secret")).toHaveText(world.cart.secret);
  await card.getByRole("button", { name: "Copy secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(world.cart.secret);

  const events = card.getByTestId("webhook-receipt");
  await expect(events.first()).toContainText("order.upserted");
  await expect(events.filter({ hasText: "#E2E-1001" })).toContainText("Processed");

  await card.getByRole("button", { name: "Rotate…" }).click();
  await expect(card.getByRole("group", { name: "Confirm rotation" })).toContainText("keeps working for 24 hours");
  await card.getByRole("button", { name: "Rotate secret" }).click();
  await expect(card.getByTestId("webhook-secret-notice")).toContainText("The previous one is still accepted until");
  const rotated = (await card.getByTestId("webhook-secret").textContent())!;
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(world.cart.secret);
  await page.reload();
  await expect(card.getByTestId("previous-secret")).toContainText("The previous secret is still accepted until");

  // Both secrets work during the rotation.
  const old = await postEvent(request, world.cart, orderEvent("#E2E-OLD-SECRET"));
  const fresh = await postEvent(request, { id: world.cart.id, secret: rotated }, orderEvent("#E2E-NEW-SECRET"));
  expect([old.status(), fresh.status()]).toEqual([202, 202]);
  // And both events are applied (in the background, after the 202): the orders reach the WMS.
  for (const number of ["#E2E-OLD-SECRET", "#E2E-NEW-SECRET"]) {
    await expect.poll(async () => (await orderOf(world, number))?.status).toBe("at_wms");
  }
});

test("every method but POST gets the JSON 405 with Allow: POST; OPTIONS a 204 with Allow: POST", async ({ request }) => {
  const url = `/api/webhooks/${world.cart.id}`;
  const before = await rowCounts(world);
  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    const answer = await request.fetch(url, { method, data: method === "GET" ? undefined : "{}" });
    expect([method, answer.status(), answer.headers()["allow"]]).toEqual([method, 405, "POST"]);
    expect(await answer.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  }
  const head = await request.fetch(url, { method: "HEAD" });
  expect([head.status(), head.headers()["allow"]]).toEqual([405, "POST"]);
  const options = await request.fetch(url, { method: "OPTIONS" });
  expect([options.status(), options.headers()["allow"]]).toEqual([204, "POST"]);
  expect(await rowCounts(world)).toEqual(before);
});
