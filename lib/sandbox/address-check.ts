/**
 * The sandbox WMS's address validation: the checks a real WMS or carrier runs before it accepts an order,
 * worded the way those systems word them (db/seed/catalog.ts BAD_ADDRESSES), so the demo's needs-a-person
 * alerts look like the real thing. Returns null when the address would ship.
 */
export function checkAddress(shipTo: unknown): string | null {
  if (!shipTo || typeof shipTo !== "object") return "Address validation failed: ship-to address is missing.";
  const a = shipTo as Record<string, unknown>;
  const field = (name: string) => (typeof a[name] === "string" ? (a[name] as string).trim() : "");
  const country = field("country").toUpperCase();
  const region = field("region").toUpperCase();
  const postalCode = field("postalCode");
  const line1 = field("line1");

  if (!field("name")) return "Address validation failed: recipient name is required.";
  if (!line1) return "Address validation failed: address line 1 is required.";
  if (!field("city")) return "Address validation failed: city is required.";
  if (!country) return "Address validation failed: destination country is required.";
  if (!/^[A-Z]{2}$/.test(country)) {
    return `Address validation failed: country '${field("country")}' is not an ISO 3166-1 alpha-2 code.`;
  }
  const rule = POSTAL_RULES[country];
  if (rule && !postalCode) return `Carrier rejected address: postcode is required for destination country ${country}.`;

  if (country === "US") {
    if (!region) return "Address validation failed: state is required for destination country US.";
    if (!US_STATES.has(region)) return `Invalid ShipTo.State '${field("region")}': not a recognized US state or territory code.`;
  }
  if (country === "CA" && region && !CA_PROVINCES.has(region)) {
    return `Invalid ShipTo.State '${field("region")}': not a recognized Canadian province or territory code.`;
  }
  if (rule && !rule.pattern.test(postalCode)) {
    return `Address validation failed: postal code '${postalCode}' is not a valid ${rule.label} for ${region || country}.`;
  }
  // North American carriers route on the house number; a line 1 that is only a unit ("Suite 400") cannot be delivered.
  if ((country === "US" || country === "CA") && !hasStreetNumber(line1)) {
    return `Address validation failed: address line 1 '${line1}' has no street number and name.`;
  }
  return null;
}

/** "2150 N Lincoln Ave", "12-14 Main St", "N1234 County Rd" (Wisconsin grid) or a PO Box. */
function hasStreetNumber(line1: string): boolean {
  if (/^(P\.?\s*O\.?\s*Box|Post Office Box)\s+\d+/i.test(line1)) return true;
  return /^[NSEW]?\d+[A-Z]?(-\d+[A-Z]?)?\s+\S*[A-Z]/i.test(line1);
}

/** Countries whose carriers refuse a parcel without a postal code, and the shape they expect. */
const POSTAL_RULES: Record<string, { pattern: RegExp; label: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, label: "5-digit ZIP code" },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, label: "Canadian postal code (A1A 1A1)" },
  GB: { pattern: /^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$/i, label: "UK postcode" },
  DE: { pattern: /^\d{5}$/, label: "5-digit Postleitzahl" },
  FR: { pattern: /^\d{5}$/, label: "5-digit code postal" },
  AU: { pattern: /^\d{4}$/, label: "4-digit postcode" },
};

const US_STATES = new Set(
  [
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR",
    "PA RI SC SD TN TX UT VT VA WA WV WI WY DC",
    // territories and military post offices, which US carriers ship to like states
    "PR VI GU AS MP UM AA AE AP",
  ]
    .join(" ")
    .split(" "),
);

const CA_PROVINCES = new Set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" "));
