import type { LibraryEntry } from "../types";

// Errors of any platform: Fixline's own protocol codes (docs/rules.md#o1), the address refusals WMSs and carriers
// send, and what HTTP and the network say. Platform entries are tried first (catalogue.ts); here a message pattern
// comes before a bare status, so the more telling match decides.

const RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110#name-server-error-5xx";
const NODE_ERRORS = "https://nodejs.org/api/errors.html#common-system-errors";

export const COMMON_ENTRIES: LibraryEntry[] = [
  {
    id: "fixline.ship_method_unmapped",
    match: { codes: ["ship_method_unmapped"] },
    subjectPattern: /ship method '(?<subject>[^']+)'/i,
    headline: "Ship method “{subject}” is not mapped to a carrier service",
    cause:
      "The warehouse has not said which carrier and service this cart's ship method means, so the WMS cannot take the order. Map it once on Ship methods and every order waiting on it is sent.",
    fixer: "warehouse",
    fix: "map_ship_method",
    policy: { kind: "hold" },
    source: "docs/rules.md#r3",
    examples: [
      {
        status: null,
        code: "ship_method_unmapped",
        message: "Ship method 'Free Shipping' is not mapped to a carrier service at Northwind Fulfillment.",
      },
    ],
  },
  {
    id: "common.region_code",
    match: {
      pattern:
        /(?:state|region|province|country)(?: code)?\W+["']?(?<subject>[A-Z]{2,3})\.?["']?[\s\S]{0,40}?\bnot\s+(?:a\s+)?(?:recognized|valid|supported|(?:us\s+|known\s+)?(?:state|country|region))/i,
    },
    headline: "The ship-to region or country code “{subject}” is not one the WMS knows",
    cause: "Carriers need the two-letter state, province or country code (ISO 3166). Correct the code on the order and it is sent at once.",
    fixer: "merchant",
    fix: "edit_address",
    policy: { kind: "hold" },
    source: "https://www.iso.org/iso-3166-country-codes.html",
    examples: [
      { status: 422, code: "address_invalid", message: "Invalid ShipTo.State 'ZZ': not a recognized US state or territory code." },
    ],
  },
  {
    id: "common.address_invalid",
    match: {
      pattern:
        /address validation failed|rejected address|postal code|postcode|zip code|street (?:address|number)|house number|country code is not supported|address line 1/i,
    },
    headline: "The ship-to address is incomplete or wrong",
    cause:
      "The WMS or its carrier could not validate the address, so it will not take the order as it is. Correct the address on the order; saving it sends the order at once.",
    fixer: "merchant",
    fix: "edit_address",
    policy: { kind: "hold" },
    source: "https://www.usps.com/business/web-tools-apis/address-information-api.htm",
    examples: [
      {
        status: 422,
        code: "address_invalid",
        message: "Address validation failed: postal code '9002' is not a valid 5-digit ZIP code for CA.",
      },
      { status: 422, code: null, message: "Street address is missing a house number" },
    ],
  },
  {
    id: "fixline.address_invalid",
    match: { codes: ["address_invalid"] },
    headline: "The receiving system refuses the ship-to address",
    cause: "The connector says the address cannot be used as it is. Correct the address on the order; saving it sends the order at once.",
    fixer: "merchant",
    fix: "edit_address",
    policy: { kind: "hold" },
    source: "docs/rules.md#o1",
    examples: [{ status: 422, code: "address_invalid", message: "Address rejected by the carrier." }],
  },
  {
    id: "fixline.requires_action",
    match: { codes: ["requires_action"] },
    headline: "The receiving system says a person must look at this record",
    cause: "The connector marked this error as one retrying cannot fix. Read its message below, fix the record where it says, then resend.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: "docs/rules.md#o1",
    examples: [{ status: 422, code: "requires_action", message: "Order is on credit hold for this customer." }],
  },
  {
    id: "fixline.connection_down",
    match: { pattern: /is not answering: \d+ records in a row failed/i },
    headline: "The connection is down: every record to it is waiting",
    cause:
      "Several records in a row failed with errors that heal by themselves. Fixline tries one record every few minutes and sends the whole backlog as soon as it answers.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: "docs/rules.md#r10",
    examples: [
      {
        status: 503,
        code: null,
        message: "Northwind WMS is not answering: 5 records in a row failed. Last error: 503 Service Unavailable",
      },
    ],
  },
  {
    id: "fixline.gave_up",
    match: { pattern: /gave up after the retry window closed/i },
    headline: "Fixline stopped retrying: the retry window closed",
    cause: "The record failed for its whole retry window. Check the last answer below, fix what it names, then resend.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: "docs/rules.md#r1-skip",
    examples: [{ status: null, code: null, message: "Gave up after the retry window closed." }],
  },
  {
    id: "common.duplicate_order",
    match: { pattern: /duplicate order reference|order (?:number|reference) already exists/i },
    headline: "The WMS already has an order with this reference",
    cause: "An order with the same number exists in the WMS. Check it there: if it is this order, dismiss this alert.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: "https://developer.shipbob.com/errors",
    examples: [{ status: 400, code: null, message: "Duplicate order reference" }],
  },
  {
    id: "common.canceled_in_wms",
    match: { pattern: /order (?:was|is) (?:canceled|cancelled) in the wms/i },
    headline: "The order was canceled in the WMS",
    cause: "Someone canceled the order in the WMS, so updates to it are refused. Check with the warehouse whether it should ship.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: "docs/rules.md#w4",
    examples: [{ status: 400, code: null, message: "Order was canceled in the WMS" }],
  },
  {
    id: "common.carrier_label_refused",
    match: { pattern: /carrier rejected the label/i },
    headline: "The carrier refused to make a label for this order",
    cause:
      "The WMS could not buy a label (service not available to this address, or package data missing). The warehouse picks another service or fixes the package in the WMS.",
    fixer: "warehouse",
    fix: "check_in_wms",
    policy: { kind: "hold" },
    source: "https://developer.shipbob.com/errors",
    examples: [{ status: 400, code: null, message: "Carrier rejected the label request" }],
  },
  {
    id: "common.timeout",
    match: { pattern: /timed out|timeout|no answer from|no response from/i },
    headline: "The system did not answer in time",
    cause:
      "The request got no answer within the time allowed. Usually a busy moment that passes; Fixline tries again on the cadence. The order is sent with the same Idempotency-Key, so a late success is not doubled.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: NODE_ERRORS,
    examples: [
      { status: null, code: "timeout", message: "No answer from wms.example within 15 s." },
      { status: 504, code: null, message: "Gateway Timeout: no response from the WMS after 15000 ms." },
    ],
  },
  {
    id: "common.unreachable",
    match: { pattern: /econnrefused|enotfound|econnreset|connection refused|could not reach|tls handshake|getaddrinfo/i },
    headline: "Fixline cannot reach the system",
    cause:
      "The connection was refused, reset or its name did not resolve: the system is down or its address changed. Fixline keeps trying; if the endpoint moved, update it on the connection's settings.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: NODE_ERRORS,
    examples: [{ status: null, code: "econnrefused", message: "Connection refused by wms.example." }],
  },
  {
    id: "common.unauthorized",
    match: { statuses: [401] },
    headline: "The system refuses Fixline's credential",
    cause:
      "An answer of 401 means the credential is missing, wrong or expired. Every record to this connection fails the same way, so sends to it are paused and one alert is raised until the credential is renewed.",
    fixer: "merchant",
    fix: "renew_credential",
    policy: { kind: "connection" },
    source: "https://www.rfc-editor.org/rfc/rfc9110#name-401-unauthorized",
    examples: [{ status: 401, code: "unauthorized", message: "Missing bearer credential." }],
  },
  {
    id: "common.rate_limited",
    match: { statuses: [429] },
    headline: "The system asks Fixline to slow down",
    cause:
      "Too many requests in a short time. Fixline waits at least as long as the system asks (Retry-After) and tries again; nothing needs doing.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
    examples: [
      {
        status: 429,
        code: null,
        message: "Too Many Requests: rate limit of 120 requests/minute exceeded for this API key. Retry-After: 60.",
      },
    ],
  },
  {
    id: "common.rate_limited_message",
    match: { pattern: /too many requests|rate limit (?:of \d+ |is )?exceeded/i },
    headline: "The system asks Fixline to slow down",
    cause:
      "Its message says too many requests came in a short time, whatever status it answered with. It heals by itself: Fixline tries again on the cadence.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
    examples: [{ status: 422, code: null, message: "429 Too Many Requests" }],
  },
  {
    id: "common.unavailable",
    match: { statuses: [502, 503, 504] },
    headline: "The system is down or overloaded for now",
    cause:
      "A gateway or the system itself could not answer. It heals by itself: Fixline tries again on the cadence, and if every record fails it counts as an outage and is probed until it is back.",
    fixer: "nobody",
    fix: "wait",
    policy: { kind: "retry" },
    source: RFC9110,
    examples: [
      { status: 503, code: "wms_busy", message: "503 Service Unavailable: warehouse pick wave in progress, try again later." },
      { status: 502, code: null, message: "502 Bad Gateway from cart API while creating fulfillment." },
    ],
  },
  {
    id: "common.server_error",
    match: { statuses: [500] },
    headline: "The system failed while handling this record",
    cause:
      "An internal error on the other side. Most clear by themselves, so Fixline retries for a day; one that lasts longer is a fault of that system: the record is then held and its vendor's support should be asked, with the message below.",
    fixer: "vendor",
    fix: "contact_vendor",
    policy: { kind: "hold_after", tries: 24 },
    source: RFC9110,
    examples: [{ status: 500, code: null, message: "500 Internal Server Error" }],
  },
];
