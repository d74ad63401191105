import { describe, expect, it } from "vitest";
import { BAD_ADDRESSES, CUSTOMERS } from "@/db/seed/catalog";
import { checkAddress } from "./address-check";

describe("checkAddress", () => {
  it.each(CUSTOMERS.map((c) => [c.name, c] as const))("accepts the demo customer %s", (_, shipTo) => {
    expect(checkAddress(shipTo)).toBeNull();
  });

  it.each(BAD_ADDRESSES.map((b) => [b.shipTo.name, b] as const))("rejects the seeded bad address of %s with its message", (_, bad) => {
    expect(checkAddress(bad.shipTo)).toBe(bad.message);
  });

  const base = { name: "Ada Byrne", line1: "55 Water St", city: "Brooklyn", region: "NY", postalCode: "11201", country: "US" };
  it.each([
    ["no ship-to at all", null, "Address validation failed: ship-to address is missing."],
    ["a blank name", { ...base, name: "  " }, "Address validation failed: recipient name is required."],
    ["no line 1", { ...base, line1: "" }, "Address validation failed: address line 1 is required."],
    ["no city", { ...base, city: undefined }, "Address validation failed: city is required."],
    [
      "a country name instead of a code",
      { ...base, country: "USA" },
      "Address validation failed: country 'USA' is not an ISO 3166-1 alpha-2 code.",
    ],
    ["a US address without a state", { ...base, region: "" }, "Address validation failed: state is required for destination country US."],
    [
      "a US ZIP with letters",
      { ...base, postalCode: "1120A" },
      "Address validation failed: postal code '1120A' is not a valid 5-digit ZIP code for NY.",
    ],
    [
      "a US address without a ZIP",
      { ...base, postalCode: "" },
      "Carrier rejected address: postcode is required for destination country US.",
    ],
    [
      "a Canadian postal code in US form",
      { ...base, region: "ON", city: "Toronto", postalCode: "12345", country: "CA" },
      "Address validation failed: postal code '12345' is not a valid Canadian postal code (A1A 1A1) for ON.",
    ],
    [
      "an unknown Canadian province",
      { ...base, region: "XX", postalCode: "M5S 3A9", country: "CA" },
      "Invalid ShipTo.State 'XX': not a recognized Canadian province or territory code.",
    ],
    [
      "a UK postcode that is not one",
      { name: "Ann Lee", line1: "1 High St", city: "Leeds", postalCode: "LS1", country: "GB" },
      "Address validation failed: postal code 'LS1' is not a valid UK postcode for GB.",
    ],
    [
      "a unit number alone in Canada",
      { ...base, line1: "Unit 1205", region: "ON", postalCode: "M5S 3A9", country: "CA" },
      "Address validation failed: address line 1 'Unit 1205' has no street number and name.",
    ],
  ])("rejects %s", (_, shipTo, message) => {
    expect(checkAddress(shipTo)).toBe(message);
  });

  it.each([
    ["ZIP+4", { ...base, postalCode: "11201-1234" }],
    ["a lower-case state", { ...base, region: "ny" }],
    ["a territory", { ...base, region: "PR", city: "San Juan", postalCode: "00901" }],
    ["a PO Box", { ...base, line1: "PO Box 1042" }],
    ["a Wisconsin grid address", { ...base, line1: "N1234 County Rd K", region: "WI", postalCode: "53097" }],
    ["a Canadian postal code without the space", { ...base, region: "BC", postalCode: "v6z2a9", country: "CA" }],
    ["a German address", { name: "Jonas Weber", line1: "Friedrichstraße 68", city: "Berlin", postalCode: "10117", country: "DE" }],
    ["a country without postal codes", { name: "Aoife Byrne", line1: "Main Street", city: "Kilkee", postalCode: "", country: "IE" }],
  ])("accepts %s", (_, shipTo) => {
    expect(checkAddress(shipTo)).toBeNull();
  });
});
