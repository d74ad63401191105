import { afterEach, describe, expect, it } from "vitest";
import { CUSTOMERS, MERCHANTS } from "@/db/seed/catalog";
import { classifyNetworkError, classifyResponse, type Outcome } from "@/lib/connectors/outcome";
import { isFlakyOrder } from "./records";
import { createSandboxServer, type SandboxOptions, type SandboxServer } from "./server";

const NOW = new Date("2026-03-02T10:00:00Z");
let sandbox: SandboxServer | null = null;
let baseUrl = "";

async function start(options: SandboxOptions = {}) {
  sandbox = createSandboxServer({ flakyRate: 0, ...options });
  baseUrl = (await sandbox.listen(0)).url;
  return sandbox;
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

// The sandbox's answers are JSON of several shapes; each test reads the fields it asserts on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sent = { status: number; body: any; outcome: Outcome };

/** Posts like lib/connectors/send.ts does, and classifies the real answer with Fixline's own classifier. */
async function post(path: string, payload: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: "Bearer sandbox_test",
      "idempotency-key": `key-${Math.random()}`,
      ...headers,
    },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text),
    outcome: classifyResponse(response.status, text, response.headers.get("retry-after"), NOW),
  };
}

const order = (overrides: Record<string, unknown> = {}) => ({
  orderNumber: "#AO10412",
  shipTo: CUSTOMERS[0],
  shipMethod: { label: "Standard Shipping", carrier: "USPS", serviceCode: "usps_ground_advantage" },
  lines: [{ sku: "AO-MUG-STN-12", quantity: 2, name: "Stoneware Mug 12 oz — Oat" }],
  ...overrides,
});

describe("sandbox connector", () => {
  it("accepts a valid order, and answers a repeated Idempotency-Key as a duplicate counted once", async () => {
    const { state } = await start();
    const key = { "idempotency-key": "fixline:order_to_wms:7:v1" };
    const first = await post("/alder-oak/wms/orders", order(), key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, orderNumber: "#AO10412" });
    expect(first.outcome.kind).toBe("success");

    const repeat = await post("/alder-oak/wms/orders", order(), key);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual({ ok: true, duplicate: true });
    expect(repeat.outcome.kind).toBe("success");

    const wms = state.targets["alder-oak/wms"]!;
    expect(wms).toMatchObject({ received: 2, accepted: 1, keys: { "fixline:order_to_wms:7:v1": 2 } });
    const exposed = await (await fetch(`${baseUrl}/_sandbox/state`)).json();
    expect(exposed.targets.find((t: { id: string }) => t.id === "alder-oak/wms")).toMatchObject({ received: 2, accepted: 1 });
  });

  it("rejects a bad address with 422 address_invalid, which needs a person", async () => {
    await start();
    const bad = { name: "Kevin Walsh", line1: "1234 Sunset Blvd", city: "Los Angeles", region: "CA", postalCode: "9002", country: "US" };
    const answer = await post("/alder-oak/wms/orders", order({ shipTo: bad }));
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: { code: "address_invalid", message: "Address validation failed: postal code '9002' is not a valid 5-digit ZIP code for CA." },
    });
    expect(answer.outcome).toMatchObject({ kind: "needs_person", code: "address_invalid", status: 422 });
  });

  it("rejects an order without a carrier service with 422 ship_method_unmapped", async () => {
    const { state } = await start();
    const answer = await post(
      "/bright-trail/wms/orders",
      order({ orderNumber: "BT-10401", shipMethod: { label: "Economy International" } }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({
      code: "ship_method_unmapped",
      message: "Ship method 'Economy International' is not mapped to a carrier service at Northwind Fulfillment.",
    });
    expect(answer.outcome.kind).toBe("needs_person");
    expect(state.targets["bright-trail/wms"]!.accepted).toBe(0);
  });

  it("answers 503 while a target is switched down, and accepts again once it is up", async () => {
    const { state } = await start();
    const down = await fetch(`${baseUrl}/_sandbox/alder-oak/wms/down`, { method: "POST" });
    expect(await down.json()).toEqual({ ok: true, target: "alder-oak/wms", mode: "down" });

    const refused = await post("/alder-oak/wms/orders", order());
    expect(refused.status).toBe(503);
    expect(refused.body.error).toEqual({
      code: "unavailable",
      message: "Northwind Fulfillment WMS is down (sandbox switch). Try again later.",
    });
    expect(refused.outcome).toMatchObject({ kind: "transient", status: 503, retryAfterMs: null });
    // Only the switched target is down: the same merchant's cart still answers.
    expect(
      (await post("/alder-oak/cart/tracking", { orderNumber: "#AO10412", carrier: "UPS", trackingNumber: "1Z999AA10123456784" })).status,
    ).toBe(200);

    // The control page's form post switches it back and returns the person to the page.
    const up = await fetch(`${baseUrl}/_sandbox/alder-oak/wms/up`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    });
    expect(up.status).toBe(303);
    expect(up.headers.get("location")).toBe("/");
    expect(state.targets["alder-oak/wms"]!.mode).toBe("up");
    expect((await post("/alder-oak/wms/orders", order())).status).toBe(200);
  });

  it("drops the connection in refuse mode, which Fixline classifies as transient", async () => {
    await start();
    await fetch(`${baseUrl}/_sandbox/bright-trail/cart/refuse`, { method: "POST" });
    const url = `${baseUrl}/bright-trail/cart/inventory`;
    const error = await fetch(url, { method: "POST", headers: { authorization: "Bearer x" }, body: "{}" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(classifyNetworkError(error, url, 15_000).kind).toBe("transient");
  });

  it("fails a flaky order twice with 503 wms_busy, then accepts it", async () => {
    const { state } = await start({ flakyRate: 1, flakyFailures: 2 });
    const key = { "idempotency-key": "fixline:order_to_wms:12:v1" };
    const attempts = [];
    for (let i = 0; i < 3; i++) attempts.push(await post("/alder-oak/wms/orders", order(), key));
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(attempts[0]!.body.error).toEqual({
      code: "wms_busy",
      message: "503 Service Unavailable: warehouse pick wave in progress, try again later.",
    });
    expect(attempts.map((a) => a.outcome.kind)).toEqual(["transient", "transient", "success"]);
    expect(state.targets["alder-oak/wms"]).toMatchObject({ received: 3, accepted: 1 });
  });

  it("makes about 15% of the demo order numbers flaky by default, the same ones every run", () => {
    const numbers = MERCHANTS.flatMap((m) => Array.from({ length: 160 }, (_, i) => `${m.orderPrefix}${10400 + i}`));
    const flaky = numbers.filter((n) => isFlakyOrder(n, 0.15));
    expect(flaky.length / numbers.length).toBeGreaterThan(0.08);
    expect(flaky.length / numbers.length).toBeLessThan(0.22);
    expect(numbers.filter((n) => isFlakyOrder(n, 0.15))).toEqual(flaky);
  });

  it("answers 401 without a bearer credential and 400 for a body that is not JSON", async () => {
    await start();
    const missing = await post("/alder-oak/wms/orders", order(), { authorization: "" });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: { code: "unauthorized", message: "Missing bearer credential." } });
    expect(missing.outcome.kind).toBe("rejected");
    const empty = await post("/alder-oak/wms/orders", order(), { authorization: "Bearer " });
    expect(empty.status).toBe(401);

    const garbled = await post("/alder-oak/wms/orders", "{not json");
    expect(garbled.status).toBe(400);
    expect(garbled.outcome).toMatchObject({ kind: "rejected", code: "invalid_json" });
  });

  it("refuses inventory for an archived SKU with 404 and accepts the others", async () => {
    await start();
    const archived = await post("/bright-trail/cart/inventory", { sku: "BT-BAG-20F-REG", quantity: 12 });
    expect(archived.status).toBe(404);
    expect(archived.body.error).toEqual({
      code: "product_not_found",
      message: "Product variant not found for SKU BT-BAG-20F-REG; it may have been archived in the cart.",
    });
    expect(archived.outcome.kind).toBe("rejected");
    expect((await post("/bright-trail/cart/inventory", { sku: "BT-TENT-2P-GRN", quantity: 12 })).outcome.kind).toBe("success");
  });

  it("answers 404 for an unknown merchant or a resource the target does not have", async () => {
    await start();
    expect((await post("/unknown-shop/wms/orders", order())).body.error.code).toBe("not_found");
    expect((await post("/alder-oak/wms/tracking", { orderNumber: "#AO1", carrier: "UPS", trackingNumber: "1Z" })).status).toBe(404);
  });

  it("shows every target, its state and recent requests on the control page", async () => {
    await start();
    await fetch(`${baseUrl}/_sandbox/bright-trail/cart/down`, { method: "POST" });
    await post("/alder-oak/wms/orders", order(), { "idempotency-key": "fixline:order_to_wms:3:v2" });
    const page = await fetch(`${baseUrl}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    for (const id of ["alder-oak/wms", "alder-oak/cart", "bright-trail/wms", "bright-trail/cart"]) expect(html).toContain(`/${id}`);
    expect(html).toContain("Down (503)");
    expect(html).toContain('action="/_sandbox/bright-trail/cart/up"');
    expect(html).toContain("fixline:order_to_wms:3:v2");
    expect(html).toContain("#AO10412");
    expect(html).toContain('http-equiv="refresh" content="5"');
  });
});
