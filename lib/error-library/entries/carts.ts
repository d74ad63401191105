import type { LibraryEntry } from "../types";

// Carts and marketplaces: Shopify, WooCommerce and Amazon (Selling Partner API). Each entry cites the public page its
// code or message comes from (docs/error-library.md#sources).

const SHOPIFY_LIMITS = "https://shopify.dev/docs/api/admin-rest/usage/rate-limits";
const SHOPIFY_CODES = "https://shopify.dev/docs/api/usage/response-codes";
const WOO_ERRORS = "https://woocommerce.github.io/woocommerce-rest-api-docs/#errors";
const SP_API = "https://developer-docs.amazon.com/sp-api/docs/troubleshoot-sp-api-errors";

export const CART_ENTRIES: LibraryEntry[] = [
  {
    id: "shopify.rate_limit",
    match: { platforms: ["shopify"], statuses: [429] },
    headline: "Shopify asks Fixline to slow down",
    cause: "Shopify's Admin API allows a few calls a second per app and store. The update waits and goes out at the next sync.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: SHOPIFY_LIMITS,
    examples: [
      {
        status: 429,
        code: null,
        message: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
      },
    ],
  },
  {
    id: "shopify.invalid_token",
    match: { platforms: ["shopify"], statuses: [401], pattern: /invalid api key or access token/i },
    headline: "Shopify no longer accepts Fixline's access token",
    cause:
      "The app's access token was revoked or the app uninstalled. Every update to this store fails the same way, so sends to it are paused until the merchant reconnects the store and the connection's credential is renewed.",
    fixer: "merchant",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: SHOPIFY_CODES,
    examples: [{ status: 401, code: null, message: "[API] Invalid API key or access token (unrecognized login or wrong password)" }],
  },
  {
    id: "shopify.missing_scope",
    match: { platforms: ["shopify"], statuses: [403], pattern: /requires merchant approval for (?<subject>\S+) scope/i },
    headline: "Shopify needs the merchant to approve a permission",
    cause:
      "The app lacks the access scope this update needs. The merchant approves it in Shopify (reinstalling the app), then the connection's credential is renewed.",
    fixer: "merchant",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: "https://shopify.dev/docs/api/usage/access-scopes",
    examples: [{ status: 403, code: null, message: "[API] This action requires merchant approval for write_fulfillments scope." }],
  },
  {
    id: "shopify.fulfillment_order_closed",
    match: { platforms: ["shopify"], pattern: /fulfillment_?order is closed|cannot be fulfilled/i },
    headline: "The order is closed in Shopify, so the tracking number cannot be added",
    cause:
      "Shopify accepts tracking only for open fulfillment orders; this one was closed (fulfilled by hand, canceled or archived). Check the order in Shopify: add the tracking there, or dismiss this alert.",
    fixer: "merchant",
    fix: "check_in_cart",
    policy: { kind: "hold" },
    source: "https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder",
    examples: [{ status: 422, code: null, message: "Shopify: fulfillment_order is closed and cannot be fulfilled (status: closed)." }],
  },
  {
    id: "shopify.fulfillment_not_found",
    match: { platforms: ["shopify"], pattern: /fulfillment (?:order )?not found/i },
    headline: "Shopify has no open fulfillment for this order line",
    cause: "The line was removed or already fulfilled in Shopify, so the tracking has nowhere to go. Check the order in Shopify.",
    fixer: "merchant",
    fix: "check_in_cart",
    policy: { kind: "hold" },
    source: "https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder",
    examples: [{ status: 404, code: null, message: "Fulfillment not found for order line" }],
  },
  {
    id: "shopify.variant_not_found",
    match: {
      platforms: ["shopify"],
      pattern: /(?:product variant|inventory item) (?:not found|does not exist) for sku(?: (?<sku>[^\s;]+))?/i,
    },
    headline: "SKU {sku} is not a product in the Shopify store",
    cause:
      "The product was archived or its SKU changed in Shopify, so the stock level has no variant to go to. Fix the SKU in Shopify, or map the WMS SKU to the cart's.",
    fixer: "merchant",
    fix: "check_in_cart",
    policy: { kind: "hold" },
    source: "https://shopify.dev/docs/api/admin-graphql/latest/enums/InventoryShipmentCreateUserErrorCode",
    examples: [
      {
        status: 404,
        code: "product_not_found",
        message: "Product variant not found for SKU BT-BAG-20F-REG; it may have been archived in the cart.",
      },
      { status: 422, code: null, message: "Inventory item does not exist for SKU" },
    ],
  },
  {
    id: "shopify.location_not_active",
    match: { platforms: ["shopify"], pattern: /location (?:selected )?is not active/i },
    headline: "The Shopify location for this stock level is not active",
    cause:
      "Shopify refuses stock levels for a location that is deactivated or does not stock this item. The merchant activates the location for the item in Shopify.",
    fixer: "merchant",
    fix: "check_in_cart",
    policy: { kind: "hold" },
    source: "https://shopify.dev/docs/api/admin-graphql/latest/enums/InventoryShipmentCreateUserErrorCode",
    examples: [{ status: 422, code: "LOCATION_NOT_ACTIVE", message: "Location is not active for this item" }],
  },
  {
    id: "woocommerce.invalid_sku",
    match: { platforms: ["woocommerce"], pattern: /woocommerce_rest_product_invalid_sku|invalid or duplicated sku/i },
    headline: "WooCommerce has no single product with this SKU",
    cause:
      "The SKU is missing in the store, or two products share it, so WooCommerce cannot tell which stock level to set. Fix the product's SKU in WooCommerce.",
    fixer: "merchant",
    fix: "check_in_cart",
    policy: { kind: "hold" },
    source: WOO_ERRORS,
    examples: [{ status: 400, code: null, message: "woocommerce_rest_product_invalid_sku: Invalid or duplicated SKU." }],
  },
  {
    id: "woocommerce.authentication_error",
    match: { platforms: ["woocommerce"], pattern: /woocommerce_rest_authentication_error|invalid signature|consumer key is invalid/i },
    headline: "WooCommerce refuses Fixline's API key",
    cause:
      "The REST API key was deleted or regenerated in WooCommerce. Sends to this store are paused until a new key is saved as the connection's credential.",
    fixer: "merchant",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: WOO_ERRORS,
    examples: [
      { status: 401, code: "woocommerce_rest_authentication_error", message: "Invalid signature - provided signature does not match." },
    ],
  },
  {
    id: "woocommerce.not_allowed",
    match: { platforms: ["woocommerce"], pattern: /woocommerce_rest_cannot_(?:view|create|edit)|sorry, you (?:cannot|are not allowed)/i },
    headline: "WooCommerce's API key may read but not write",
    cause:
      "The key Fixline uses lacks the permission for this call (a Read key where Read/Write is needed). Give the key Read/Write in WooCommerce → Settings → Advanced → REST API, or save a new one.",
    fixer: "merchant",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: WOO_ERRORS,
    examples: [{ status: 401, code: "woocommerce_rest_cannot_edit", message: "Sorry, you are not allowed to edit this resource." }],
  },
  {
    id: "woocommerce.invalid_order_id",
    match: { platforms: ["woocommerce"], pattern: /woocommerce_rest_shop_order_invalid_id|invalid id\.?$/i },
    headline: "The order no longer exists in WooCommerce",
    cause: "The order was deleted in the store, so its tracking has nowhere to go. Check it in WooCommerce, then dismiss this alert.",
    fixer: "merchant",
    fix: "check_in_cart",
    policy: { kind: "hold" },
    source: WOO_ERRORS,
    examples: [{ status: 404, code: "woocommerce_rest_shop_order_invalid_id", message: "Invalid ID." }],
  },
  {
    id: "amazon.quota_exceeded",
    match: { platforms: ["amazon"], pattern: /quotaexceeded|exceeded your quota/i },
    headline: "Amazon's rate limit for this call is reached",
    cause: "The Selling Partner API limits each operation's calls per second. The update waits and goes out at the next sync.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: "https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits",
    examples: [{ status: 429, code: "QuotaExceeded", message: "You exceeded your quota for the requested resource." }],
  },
  {
    id: "amazon.unauthorized",
    match: { platforms: ["amazon"], pattern: /access to requested resource is denied|^unauthorized$/i },
    headline: "Amazon refuses Fixline's authorization",
    cause:
      "The seller's authorization of the app expired or lacks this role. The merchant re-authorizes the app in Seller Central and the connection's credential is renewed; until then sends to it are paused.",
    fixer: "merchant",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: SP_API,
    examples: [{ status: 403, code: "Unauthorized", message: "Access to requested resource is denied." }],
  },
  {
    id: "amazon.invalid_input",
    match: { platforms: ["amazon"], statuses: [400], codes: ["InvalidInput"] },
    headline: "Amazon refuses the update as invalid",
    cause:
      "A value in the update is not one Amazon accepts (a carrier name, a date, a tracking number format). Sending it again gives the same answer; check the order in Seller Central.",
    fixer: "merchant",
    fix: "check_in_cart",
    policy: { kind: "hold" },
    source: SP_API,
    examples: [{ status: 400, code: "InvalidInput", message: "Invalid carrier code: 'UPS Ground'." }],
  },
];
