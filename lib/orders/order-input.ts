import { z } from "zod";

// The order form imports this module in the browser, where zod probes `new Function` to decide on compiled
// parsers: the CSP forbids eval, so the probe would show as a violation. Parsing without it is as correct.
if (typeof window !== "undefined") z.config({ jitless: true });

const US_STATES = new Set(
  "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP AA AE AP".split(
    " ",
  ),
);
const CA_PROVINCES = new Set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" "));

/** Postal code shapes of the countries the warehouses ship to most; others are only required to be present. */
const POSTAL_CODES: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "94105 or 94105-1234" },
  CA: { pattern: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/, example: "M5S 3A9" },
  GB: { pattern: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, example: "W1S 1HT" },
  DE: { pattern: /^\d{5}$/, example: "10115" },
  FR: { pattern: /^\d{5}$/, example: "75001" },
  AU: { pattern: /^\d{4}$/, example: "2000" },
};

const text = (label: string, max = 100) => z.string().trim().min(1, `${label} is required.`).max(max, `${label} is too long.`);
const optional = (max = 100) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

/** A ship-to address as a person edits it on the order-fix page; messages say what to change. */
export const ShipToInput = z
  .object({
    name: text("Name"),
    company: optional(),
    line1: text("Address line 1"),
    line2: optional(),
    city: text("City"),
    region: optional(50).transform((v) => v?.toUpperCase()),
    postalCode: z.string().trim().max(20).default(""),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Country must be a two-letter code such as US."),
    phone: optional(40),
    email: optional(200).pipe(z.string().email("Email is not a valid address.").optional()),
  })
  .superRefine((a, ctx) => {
    const shape = POSTAL_CODES[a.country];
    if (!a.postalCode) {
      if (shape) ctx.addIssue({ code: "custom", path: ["postalCode"], message: `Postal code is required for ${a.country}.` });
    } else if (shape && !shape.pattern.test(a.postalCode)) {
      ctx.addIssue({
        code: "custom",
        path: ["postalCode"],
        message: `Postal code '${a.postalCode}' is not valid for ${a.country} (e.g. ${shape.example}).`,
      });
    }
    if (a.country === "US" && !US_STATES.has(a.region ?? "")) {
      ctx.addIssue({ code: "custom", path: ["region"], message: "State must be a two-letter US state code such as CA." });
    }
    if (a.country === "CA" && !CA_PROVINCES.has(a.region ?? "")) {
      ctx.addIssue({ code: "custom", path: ["region"], message: "Province must be a two-letter code such as ON." });
    }
    if ((a.country === "US" || a.country === "CA") && !/\d/.test(a.line1)) {
      ctx.addIssue({ code: "custom", path: ["line1"], message: "Address line 1 needs a street number and name." });
    }
  });
export type ShipToInput = z.infer<typeof ShipToInput>;

export const EditOrderInput = z.object({
  shipTo: ShipToInput,
  shipMethodLabel: text("Ship method", 100),
});
export type EditOrderInput = z.input<typeof EditOrderInput>;

/** The postal code shape a country expects, as a hint next to the field ("e.g. 94105 or 94105-1234"). */
export function postalCodeExample(country: string): string | null {
  return POSTAL_CODES[country.trim().toUpperCase()]?.example ?? null;
}
