import type { ShipTo } from "../schema";

// Realistic demo material: names, addresses, products and the messages remote systems really send.

export type MerchantSeed = {
  name: string;
  slug: string;
  cart: { platform: string; name: string };
  orderPrefix: string;
  unmappedLabel: string;
  products: [sku: string, name: string][];
  /** A product the cart sells that the warehouse's item master lacks: its orders are held (the SKU-mappings demo). */
  missingSku?: string;
};

export const MERCHANTS: MerchantSeed[] = [
  {
    name: "Alder & Oak Home",
    slug: "alder-oak",
    cart: { platform: "Shopify", name: "alderandoak.myshopify.com" },
    orderPrefix: "#AO",
    unmappedLabel: "Free Shipping",
    products: [
      ["AO-THROW-LIN-GRY", "Linen Throw Blanket — Slate Grey"],
      ["AO-MUG-STN-12", "Stoneware Mug 12 oz — Oat"],
      ["AO-CNDL-CED-8", "Cedar & Smoke Candle 8 oz"],
      ["AO-PLW-BCL-20", "Bouclé Pillow Cover 20×20"],
      ["AO-BRD-OAK-L", "Oak Serving Board — Large"],
      ["AO-TWL-WAF-WHT", "Waffle Bath Towel — White"],
    ],
  },
  {
    name: "Bright Trail Outdoor",
    slug: "bright-trail",
    cart: { platform: "WooCommerce", name: "shop.brighttrail.example" },
    orderPrefix: "BT-",
    unmappedLabel: "Economy International",
    products: [
      ["BT-TENT-2P-GRN", "Ridgeline 2-Person Tent — Forest"],
      ["BT-BAG-20F-REG", "Summit 20°F Sleeping Bag — Regular"],
      ["BT-PACK-45L-BLK", "Switchback 45 L Pack — Black"],
      ["BT-STOVE-TI", "Titanium Canister Stove"],
      ["BT-HEAD-400", "Trailglow 400 Headlamp"],
      ["BT-BOTL-1L-BLU", "Insulated Bottle 1 L — Glacier"],
    ],
    missingSku: "BT-BOTL-1L-BLU",
  },
];

export const WAREHOUSE = { name: "Northwind Fulfillment", wmsPlatform: "Extensiv 3PL Warehouse Manager" };

export const SHIP_METHOD_MAPPINGS = [
  { cartLabel: "Standard Shipping", carrier: "USPS", serviceCode: "usps_ground_advantage" },
  { cartLabel: "Express (2-Day)", carrier: "UPS", serviceCode: "ups_2nd_day_air" },
  { cartLabel: "Overnight", carrier: "FedEx", serviceCode: "fedex_standard_overnight" },
];

export const MAPPED_LABELS = SHIP_METHOD_MAPPINGS.map((m) => m.cartLabel);

export const CUSTOMERS: ShipTo[] = [
  { name: "Priya Raman", line1: "2150 N Lincoln Ave", line2: "Apt 3F", city: "Chicago", region: "IL", postalCode: "60614", country: "US" },
  { name: "Daniel Okafor", line1: "418 Westlake Ave N", city: "Seattle", region: "WA", postalCode: "98109", country: "US" },
  { name: "Hannah Becker", line1: "77 Congress St", city: "Portland", region: "ME", postalCode: "04101", country: "US" },
  {
    name: "Luis Herrera",
    line1: "9301 Research Blvd",
    line2: "Suite 210",
    city: "Austin",
    region: "TX",
    postalCode: "78759",
    country: "US",
  },
  {
    name: "Grace Liu",
    company: "Liu Design Studio",
    line1: "1 Market St",
    line2: "Floor 4",
    city: "San Francisco",
    region: "CA",
    postalCode: "94105",
    country: "US",
  },
  { name: "Marcus Bell", line1: "3415 Peachtree Rd NE", city: "Atlanta", region: "GA", postalCode: "30326", country: "US" },
  { name: "Emma Sullivan", line1: "25 Newbury St", city: "Boston", region: "MA", postalCode: "02116", country: "US" },
  { name: "Noah Fischer", line1: "1600 Wynkoop St", city: "Denver", region: "CO", postalCode: "80202", country: "US" },
  { name: "Aisha Mohammed", line1: "800 Bay St", line2: "Unit 1205", city: "Toronto", region: "ON", postalCode: "M5S 3A9", country: "CA" },
  { name: "Oliver Grant", line1: "14 Hanover Square", city: "London", postalCode: "W1S 1HT", country: "GB" },
  { name: "Sofia Rossi", line1: "2211 E Camelback Rd", city: "Phoenix", region: "AZ", postalCode: "85016", country: "US" },
  { name: "Ethan Park", line1: "601 Brickell Key Dr", line2: "Apt 702", city: "Miami", region: "FL", postalCode: "33131", country: "US" },
  { name: "Chloe Martin", line1: "1200 NW Marshall St", city: "Portland", region: "OR", postalCode: "97209", country: "US" },
  { name: "Jamal Carter", line1: "55 Water St", city: "Brooklyn", region: "NY", postalCode: "11201", country: "US" },
  { name: "Isabel Navarro", line1: "3700 Wilshire Blvd", city: "Los Angeles", region: "CA", postalCode: "90010", country: "US" },
  { name: "Ben Thompson", line1: "210 Main St", city: "Burlington", region: "VT", postalCode: "05401", country: "US" },
  { name: "Mei Tanaka", line1: "1045 Howe St", city: "Vancouver", region: "BC", postalCode: "V6Z 2A9", country: "CA" },
  { name: "Ryan O'Connell", line1: "500 E Pratt St", city: "Baltimore", region: "MD", postalCode: "21202", country: "US" },
  { name: "Zoe Anderson", line1: "88 Colin P Kelly Jr St", city: "San Francisco", region: "CA", postalCode: "94107", country: "US" },
  { name: "Tomás Silva", line1: "1400 Nicollet Mall", city: "Minneapolis", region: "MN", postalCode: "55403", country: "US" },
];

/** Addresses a WMS or carrier rejects, with the remote message. */
export const BAD_ADDRESSES: { shipTo: ShipTo; message: string }[] = [
  {
    shipTo: { name: "Kevin Walsh", line1: "1234 Sunset Blvd", city: "Los Angeles", region: "CA", postalCode: "9002", country: "US" },
    message: "Address validation failed: postal code '9002' is not a valid 5-digit ZIP code for CA.",
  },
  {
    shipTo: { name: "Laura Chen", line1: "Suite 400", city: "Houston", region: "TX", postalCode: "77002", country: "US" },
    message: "Address validation failed: address line 1 'Suite 400' has no street number and name.",
  },
  {
    shipTo: {
      name: "Pedro Alvarez",
      line1: "742 Evergreen Terrace",
      city: "Springfield",
      region: "ZZ",
      postalCode: "62704",
      country: "US",
    },
    message: "Invalid ShipTo.State 'ZZ': not a recognized US state or territory code.",
  },
  {
    shipTo: { name: "Fiona Doyle", line1: "10 Downing Street", city: "London", postalCode: "", country: "GB" },
    message: "Carrier rejected address: postcode is required for destination country GB.",
  },
];

export const TRANSIENT_WMS_ERRORS: { status: number; message: string }[] = [
  { status: 503, message: "503 Service Unavailable: Warehouse Manager API is in a scheduled maintenance window (02:00–04:00 UTC)." },
  { status: 504, message: "Gateway Timeout: no response from the WMS after 15000 ms." },
  { status: 500, message: "Internal Server Error: Deadlock found when trying to get lock; try restarting transaction." },
  { status: 429, message: "Too Many Requests: rate limit of 120 requests/minute exceeded for this API key. Retry-After: 60." },
];

/** The WMS's item SKU for the cart's missing one: a SKU mapping to it releases the held orders. */
export const WMS_SKU_FOR_MISSING = "BT-BOTL-1L-GLC";

export const OTHER_WMS_ERRORS: { status: number; code: string; message: string }[] = [
  { status: 409, code: "duplicate_reference", message: "Order reference already exists on a closed order in facility NWF-01." },
  { status: 422, code: "sku_not_found", message: "Item SKU not found in customer item master." },
];

export const TRACKING_ERRORS: { status: number; message: string }[] = [
  { status: 422, message: "Shopify: fulfillment_order is closed and cannot be fulfilled (status: closed)." },
  { status: 429, message: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
  { status: 502, message: "502 Bad Gateway from cart API while creating fulfillment." },
];

export const INVENTORY_ERRORS: { status: number; message: string }[] = [
  { status: 400, message: "woocommerce_rest_product_invalid_sku: Invalid or duplicated SKU." },
  { status: 404, message: "Product variant not found for SKU; it may have been archived in the cart." },
  { status: 503, message: "The cart's API is temporarily unavailable. Please try again shortly." },
];

export const CARRIERS = ["USPS", "UPS", "FedEx"] as const;
