import { expect, it } from "vitest";
import { MAX_CONNECTION_OPTIONS, connectionOptions } from "./connection-options";

const connectionsOf = (merchants: number) =>
  Array.from({ length: merchants }, (_, m) => [
    { id: m * 2 + 1, name: "Shop", platform: "Shopify", merchantId: m + 1, merchantName: `Merchant ${m + 1}` },
    { id: m * 2 + 2, name: "Northwind WMS", platform: "Bench WMS", merchantId: m + 1, merchantName: `Merchant ${m + 1}` },
  ]).flat();

it("names each connection with its merchant for a warehouse user, and with its platform for a merchant user", () => {
  const two = connectionsOf(2);
  expect(connectionOptions(two, { warehouseUser: true }).options.map((o) => o.name)).toEqual([
    "Merchant 1 — Shop",
    "Merchant 1 — Northwind WMS",
    "Merchant 2 — Shop",
    "Merchant 2 — Northwind WMS",
  ]);
  expect(connectionOptions(two.slice(0, 2), { warehouseUser: false }).options.map((o) => o.name)).toEqual([
    "Shop (Shopify)",
    "Northwind WMS (Bench WMS)",
  ]);
});

it("lists a chosen merchant's connections only, and a long list only once a merchant is chosen", () => {
  const many = connectionsOf(200);
  expect(connectionOptions(many, { warehouseUser: true, merchant: 7 }).options.map((o) => o.id)).toEqual([13, 14]);
  const unchosen = connectionOptions(many, { warehouseUser: true });
  expect(unchosen.options).toEqual([]);
  expect(unchosen.hint).toBe("Choose a merchant to list its 400 connections");
  // The connection already filtered on stays selectable.
  expect(connectionOptions(many, { warehouseUser: true, connection: 100 }).options).toEqual([
    { id: 100, name: "Merchant 50 — Northwind WMS" },
  ]);
  expect(connectionOptions(connectionsOf(MAX_CONNECTION_OPTIONS / 2), { warehouseUser: true }).options).toHaveLength(
    MAX_CONNECTION_OPTIONS,
  );
});
