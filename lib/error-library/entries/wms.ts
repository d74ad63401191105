import type { LibraryEntry } from "../types";

// Warehouse management systems: Extensiv 3PL Warehouse Manager (the demo's), ShipHero and ShipBob. Each entry cites
// the public page its code or message comes from; its examples are answers of that shape (docs/error-library.md#sources).

const EXTENSIV = ["extensiv", "3pl warehouse manager", "3pl central"];
const EXTENSIV_API = "https://help.extensiv.com/rest-api/providing-rest-api-access";

export const WMS_ENTRIES: LibraryEntry[] = [
  {
    id: "extensiv.sku_not_in_item_master",
    match: { platforms: EXTENSIV, connectionKind: "wms", pattern: /item sku not found in customer item master/i },
    headline: "SKU {sku} is not in the WMS item master",
    cause:
      "The warehouse's WMS has no item with this SKU for this merchant, so it refuses the whole order. Retrying cannot help: the item must be added in the WMS, or the cart's SKU mapped to the WMS item it stands for.",
    fixer: "warehouse",
    fix: "map_sku",
    policy: { kind: "hold" },
    source: EXTENSIV_API,
    examples: [{ status: 422, code: "sku_not_found", message: "Item SKU not found in customer item master. (SKU BT-BOTL-1L-BLU)" }],
  },
  {
    id: "extensiv.duplicate_reference",
    match: { platforms: EXTENSIV, connectionKind: "wms", pattern: /reference (number )?already exists/i },
    headline: "The WMS already has an order with this reference number",
    cause:
      "3PL Warehouse Manager keeps order reference numbers unique per customer; one with this number exists (here on a closed order). Sending it again gives the same answer. Check the order in the WMS: if it is the same order, dismiss this alert; if not, give the new order another number.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: EXTENSIV_API,
    examples: [
      { status: 409, code: "duplicate_reference", message: "Order reference already exists on a closed order in facility NWF-01." },
    ],
  },
  {
    id: "extensiv.maintenance",
    match: { platforms: EXTENSIV, statuses: [503], pattern: /maintenance/i },
    headline: "The WMS is in a scheduled maintenance window",
    cause:
      "Warehouse Manager's API is down for planned maintenance. Nothing is wrong with the order; Fixline keeps trying and it goes through once the window ends.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: EXTENSIV_API,
    examples: [
      {
        status: 503,
        code: null,
        message: "503 Service Unavailable: Warehouse Manager API is in a scheduled maintenance window (02:00–04:00 UTC).",
      },
    ],
  },
  {
    id: "extensiv.deadlock",
    match: { platforms: EXTENSIV, statuses: [500], pattern: /deadlock/i },
    headline: "The WMS's database was busy and gave up on this order",
    cause: "Two writes inside the WMS collided and it rolled this one back. It clears by itself on the next try.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: "https://dev.mysql.com/doc/refman/8.4/en/innodb-deadlocks.html",
    examples: [
      { status: 500, code: null, message: "Internal Server Error: Deadlock found when trying to get lock; try restarting transaction." },
    ],
  },
  {
    id: "extensiv.unauthorized",
    match: { platforms: EXTENSIV, statuses: [401], pattern: /authorization has been denied|invalid_client|token/i },
    headline: "The WMS refuses Fixline's credential",
    cause:
      "3PL Warehouse Manager's REST API only accepts a valid access token for an active integration key. Every record to this connection fails the same way until the credential is renewed, so Fixline pauses sends to it and raises one alert.",
    fixer: "warehouse",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: EXTENSIV_API,
    examples: [{ status: 401, code: null, message: "Authorization has been denied for this request." }],
  },
  {
    id: "shiphero.not_enough_credits",
    match: { platforms: ["shiphero"], pattern: /not enough credits/i },
    headline: "ShipHero's API credits are used up for the moment",
    cause:
      "ShipHero meters its API in credits that refill every second. The request waits for the bucket to refill; Fixline tries again on its cadence.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: "https://developer.shiphero.com/getting-started/#throttling-quotas",
    examples: [
      {
        status: 200,
        code: "30",
        message:
          "There are not enough credits to perform the requested operation, which requires 101 credits. The current credits available for this account are 2.",
      },
    ],
  },
  {
    id: "shiphero.product_not_found",
    match: { platforms: ["shiphero"], pattern: /product (?:with sku (?<sku>\S+) )?(?:not found|does not exist)/i },
    headline: "SKU {sku} is not a product in ShipHero",
    cause:
      "ShipHero cannot create an order line for a SKU it has no product for. Add the product in ShipHero, or map the cart's SKU to the ShipHero SKU.",
    fixer: "warehouse",
    fix: "map_sku",
    policy: { kind: "hold" },
    source: "https://developer.shiphero.com/troubleshooting/error-glossary/",
    examples: [{ status: 200, code: "5", message: "Product with sku BT-STOVE-TI not found" }],
  },
  {
    id: "shiphero.order_not_found",
    match: { platforms: ["shiphero"], pattern: /^order not found/i },
    headline: "ShipHero has no such order",
    cause:
      "The order this update is about is not in ShipHero (deleted, or created under another account). Check it in ShipHero before sending again.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: "https://developer.shiphero.com/troubleshooting/error-glossary/",
    examples: [{ status: 200, code: "5", message: "Order not found" }],
  },
  {
    id: "shipbob.duplicate_reference",
    match: { platforms: ["shipbob"], statuses: [422], pattern: /reference/i },
    headline: "ShipBob already has an order with this reference ID",
    cause: "ShipBob answers 422 when an order with the same reference_id exists. Check the order in ShipBob: it is probably already there.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: "https://developer.shipbob.com/errors",
    examples: [{ status: 422, code: null, message: "You have already created a product or order with the same reference_id" }],
  },
  {
    id: "shipbob.rate_limit",
    match: { platforms: ["shipbob"], statuses: [429] },
    headline: "ShipBob asks Fixline to slow down",
    cause: "ShipBob allows 150 requests a minute per application. The order waits for the time ShipBob names and is sent again.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: "https://developer.shipbob.com/rate-limit",
    examples: [{ status: 429, code: null, message: "Rate limit is exceeded. Try again in 25 seconds." }],
  },
  {
    id: "shipbob.unauthorized",
    match: { platforms: ["shipbob"], statuses: [401, 403] },
    headline: "ShipBob refuses Fixline's API key",
    cause:
      "ShipBob answers 401 when no valid API key is given and 403 when the key lacks the permission. Renew the connection's credential; until then sends to it are paused.",
    fixer: "warehouse",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: "https://developer.shipbob.com/errors",
    examples: [{ status: 401, code: null, message: "No valid API key provided." }],
  },
];
