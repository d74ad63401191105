import { describe, expect, it } from "vitest";
import type { ErrorRule } from "@/db/schema";
import { classifyResponse } from "../connectors/outcome";
import { applyPolicy } from "./apply-policy";
import { CATALOGUE } from "./catalogue";
import { diagnose } from "./diagnose";
import type { ErrorFacts, LibraryEntry } from "./types";

const now = new Date("2026-11-30T10:00:00Z");

/** How connections name each platform an entry matches. */
const PLATFORM_NAMES: Record<string, string> = {
  extensiv: "Extensiv 3PL Warehouse Manager",
  shiphero: "ShipHero",
  shipbob: "ShipBob",
  shopify: "Shopify",
  woocommerce: "WooCommerce",
  amazon: "Amazon Seller Central",
};

function factsFor(entry: LibraryEntry, example: LibraryEntry["examples"][number]): ErrorFacts {
  const platform = entry.match.platforms ? PLATFORM_NAMES[entry.match.platforms[0]!]! : "Manhattan WMS";
  const cart = ["shopify", "woocommerce", "amazon"].includes(entry.match.platforms?.[0] ?? "");
  return {
    platform,
    connectionKind: entry.match.connectionKind ?? (cart ? "cart" : "wms"),
    deliveryKind: entry.match.deliveryKinds?.[0] ?? (cart ? "tracking_to_cart" : "order_to_wms"),
    ...example,
  };
}

const EXAMPLES = CATALOGUE.flatMap((entry) => entry.examples.map((example) => [entry.id, example.message, entry, example] as const));

describe("R6: the error library's catalogue", () => {
  it.each(EXAMPLES)("%s: diagnoses “%s” by that entry, with its policy", (id, _message, entry, example) => {
    const diagnosis = diagnose(factsFor(entry, example));
    expect(diagnosis).toMatchObject({ origin: "library", id, explained: true, policy: entry.policy, fix: entry.fix });
    expect(diagnosis.headline).not.toMatch(/[{}]/);
  });

  it.each(CATALOGUE.map((e) => [e.id, e] as const))("%s cites its source and has a real example", (_id, entry) => {
    expect(entry.source).toMatch(/^(https:\/\/|docs\/)/);
    expect(entry.examples.length).toBeGreaterThan(0);
    expect(entry.cause.length).toBeGreaterThan(40);
  });

  it("has entries for Extensiv and two other WMSs, Shopify, WooCommerce and a marketplace", () => {
    const platforms = new Set(CATALOGUE.flatMap((e) => e.match.platforms?.[0] ?? []));
    expect([...platforms].sort()).toEqual(["amazon", "extensiv", "shipbob", "shiphero", "shopify", "woocommerce"]);
  });

  it("gives every id once", () => {
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });

  it("holds the demo's SKU-not-in-item-master order at its first try and names the SKU", () => {
    const outcome = classifyResponse(
      422,
      JSON.stringify({ error: { code: "sku_not_found", message: "Item SKU not found in customer item master. (SKU BT-BOTL-1L-BLU)" } }),
      null,
      now,
    );
    const facts = { platform: "Extensiv 3PL Warehouse Manager", connectionKind: "wms", deliveryKind: "order_to_wms" } as const;
    const diagnosis = diagnose({
      ...facts,
      status: 422,
      code: "sku_not_found",
      message: outcome.kind === "success" ? "" : outcome.message,
    });
    expect(diagnosis).toMatchObject({
      id: "extensiv.sku_not_in_item_master",
      fixer: "warehouse",
      fix: "map_sku",
      subject: { sku: "BT-BOTL-1L-BLU" },
    });
    expect(diagnosis.headline).toBe("SKU BT-BOTL-1L-BLU is not in the WMS item master");
    expect(outcome.kind).toBe("rejected");
    expect(applyPolicy(outcome as Exclude<typeof outcome, { kind: "success" }>, diagnosis, 1).kind).toBe("needs_person");
  });

  it("retries a 500 for a day, then holds it for the vendor (hold after 24 tries)", () => {
    const outcome = { kind: "transient" as const, status: 500, code: null, message: "500 Internal Server Error", retryAfterMs: null };
    const diagnosis = diagnose({ platform: "Manhattan WMS", connectionKind: "wms", deliveryKind: "order_to_wms", ...outcome });
    expect(applyPolicy(outcome, diagnosis, 23).kind).toBe("transient");
    expect(applyPolicy(outcome, diagnosis, 24).kind).toBe("needs_person");
  });

  it("makes a refused credential the connection's problem, renewed by whoever runs that connection", () => {
    const outcome = { kind: "rejected" as const, status: 401, code: null, message: "Authorization has been denied for this request." };
    const wms = diagnose({ platform: "Extensiv 3PL Warehouse Manager", connectionKind: "wms", deliveryKind: "order_to_wms", ...outcome });
    expect(wms).toMatchObject({ id: "extensiv.unauthorized", fixer: "warehouse", fix: "renew_credential" });
    expect(applyPolicy(outcome, wms, 1)).toMatchObject({ kind: "transient", connectionLevel: true });
    const cart = diagnose({ platform: "Some Cart", connectionKind: "cart", deliveryKind: "tracking_to_cart", ...outcome });
    expect(cart).toMatchObject({ id: "common.unauthorized", fixer: "merchant" });
  });

  it("says plainly when it does not recognise an error, and keeps today's classification", () => {
    const facts: ErrorFacts = {
      platform: "Manhattan WMS",
      connectionKind: "wms",
      deliveryKind: "order_to_wms",
      status: 418,
      code: null,
      message: "I'm a teapot",
    };
    const diagnosis = diagnose(facts);
    expect(diagnosis).toMatchObject({ origin: "default", explained: false, headline: "Fixline does not recognise this error yet" });
    const outcome = { kind: "rejected" as const, status: 418, code: null, message: "I'm a teapot" };
    expect(applyPolicy(outcome, diagnosis, 3)).toBe(outcome);
  });
});

function rule(fields: Partial<ErrorRule>): ErrorRule {
  return {
    id: 7,
    warehouseId: 1,
    platform: null,
    connectionKind: null,
    httpStatus: null,
    errorCode: null,
    messageContains: null,
    treatAs: "needs_person",
    note: null,
    createdByUserId: "u1",
    updatedByUserId: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

describe("R6: precedence — a warehouse rule over a built-in entry over the status-code default", () => {
  const unavailable: ErrorFacts = {
    platform: "Extensiv 3PL Warehouse Manager",
    connectionKind: "wms",
    deliveryKind: "order_to_wms",
    status: 503,
    code: "wms_busy",
    message: "503 Service Unavailable: warehouse pick wave in progress, try again later.",
  };

  it("a built-in entry beats the status-code default", () => {
    expect(diagnose(unavailable)).toMatchObject({ origin: "library", id: "common.unavailable", policy: { kind: "retry" } });
    expect(diagnose({ ...unavailable, status: 418, message: "pick wave" })).toMatchObject({ origin: "default" });
  });

  it("a warehouse rule beats the built-in entry, and says who made it", () => {
    const rules = [{ ...rule({ messageContains: "pick wave", treatAs: "needs_person" }), madeByName: "Wren Admin" }];
    const diagnosis = diagnose(unavailable, rules);
    expect(diagnosis).toMatchObject({ origin: "rule", id: "rule:7", policy: { kind: "hold" }, madeBy: { name: "Wren Admin" } });
    // The entry's plain explanation is kept: the rule changes the policy, not the meaning.
    expect(diagnosis.cause).toBe(diagnose(unavailable).cause);
  });

  it("a rule beats the default too, and a rule that matches nothing changes nothing", () => {
    const teapot = { ...unavailable, status: 418, code: null, message: "I'm a teapot" };
    expect(diagnose(teapot, [rule({ httpStatus: 418, treatAs: "connection" })])).toMatchObject({
      origin: "rule",
      policy: { kind: "connection" },
    });
    expect(diagnose(teapot, [rule({ httpStatus: 419 })])).toMatchObject({ origin: "default" });
    expect(diagnose(teapot, [rule({ platform: "ShipHero", httpStatus: 418 })])).toMatchObject({ origin: "default" });
  });

  it("a rule with no condition matches nothing", () => {
    expect(diagnose(unavailable, [rule({})])).toMatchObject({ origin: "library" });
  });
});
