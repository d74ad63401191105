// Every immediate email in every state its record can meet, rendered with the real templates and read as a
// person would: it says what Fixline did and what the person can do, from the record's real state.
import { describe, expect, it } from "vitest";
import { renderAlertEmail } from "@/emails/render-alert-email";
import type { AlertEmail } from "./email-models";
import { EMAIL_STATES, GROUP_STATES, stateContent } from "./email-states";

const footer = {
  recipientEmail: "a@x.example",
  accountName: "Northwind",
  reason: "r",
  unsubscribeUrl: "http://localhost:3000/u",
  profileUrl: "http://localhost:3000/settings/profile",
};
const read = async (name: string, timeZone = "UTC") => {
  const email = { ...stateContent(name, "http://localhost:3000", timeZone), footer } as AlertEmail;
  const { subject, text, html } = await renderAlertEmail(email);
  return { subject, text, html, all: `${subject}\n${text}` };
};

type Expect = { says: (string | RegExp)[]; never: (string | RegExp)[] };
const ORDER_PAGE = "http://localhost:3000/orders/1042";
const ALERT_PAGE = "http://localhost:3000/alerts/5120";

const EXPECTED: Record<string, Expect> = {
  "action-needed--address-refused": {
    says: ["is on hold", "Northwind WMS · Alder & Oak Home refused it", "Northwind WMS · Alder & Oak Home said:", ORDER_PAGE],
    never: [],
  },
  "action-needed--ship-method-refused-by-wms": { says: ["refused it", "Map 'Free Shipping'", ORDER_PAGE], never: ["Fixline's check"] },
  "action-needed--ship-method-held-by-fixline": {
    says: [
      "Fixline held it before sending it",
      "nothing was sent to Northwind WMS",
      "Fixline's check found:",
      /Sent to\s+Not sent \(held by Fixline\)/,
      ORDER_PAGE,
    ],
    never: ["refused", "said:", "HTTP "],
  },
  "action-needed--requires-action-on-send": { says: ["refused it", "resend the order from its page", ORDER_PAGE], never: [] },
  "action-needed--reported-after-acceptance": {
    says: [
      "accepted order #AO-10482 and later reported",
      "nothing for Fixline to resend",
      "reported:",
      /Reported by\s+Northwind WMS/,
      ALERT_PAGE,
    ],
    never: [/on hold/i, "can be resent", "resend it", ORDER_PAGE, "refused"],
  },
  "action-needed--reported-before-acceptance": { says: ["reported it on its own", ORDER_PAGE], never: [/on hold/i, "refused"] },
  "action-needed--reported-about-a-product": { says: ["product AO-LAMP-OAK-S", ALERT_PAGE], never: [/on hold/i, "/orders/"] },
  "action-needed--tracking-refused": {
    says: ["Tracking for #AO-10482", "Shopify · Alder & Oak Home refused it", ALERT_PAGE],
    never: ["/orders/", "resend the order"],
  },
  "record-skipped--after-many-tries": { says: ["Skipped after 360 tries", "tried it 360 times since", ORDER_PAGE], never: ["every retry"] },
  "record-skipped--after-one-try": {
    says: ["Skipped after one try", "tried it once, on 23 Nov 2026, 14:10 UTC", "before another try"],
    never: ["every retry", "tried 1", "1 attempt", "never accepted"],
  },
  "record-skipped--without-a-try": {
    says: ["Skipped without a try", "before Fixline could try it once", "Why it could not be tried:"],
    never: ["Last answer", "every retry", "tried it"],
  },
  "record-skipped--inventory": { says: ["Inventory of AO-LAMP-OAK-S", "Review and retry the record", ALERT_PAGE], never: ["/orders/"] },
  "giving-up-soon--next-try-ahead": {
    says: ["unless it gets through", "tried it 312 times", "next try 26 Nov 2026, 14:40 UTC"],
    never: ["unless you resend"],
  },
  "giving-up-soon--tried-once-next-try-due": {
    says: ["tried it once", "next try due now"],
    never: ["1 times", "1 time ", "14:10 UTC)", "next try 26 Nov 2026, 14:"],
  },
  "giving-up-soon--no-try-before-give-up": {
    says: ["unless you resend it", "no further try comes before 27 Nov 2026, 10:10 UTC", /Next try\s+None before it is skipped/],
    never: ["keeps retrying", "next try 27", "unless it gets through", "28 Nov"],
  },
  "ship-by-soon--retrying-hourly": {
    says: [
      "Misses its ship-by in 1 h 30 min unless fixed: Order #AO-10482 (Alder & Oak Home)",
      "Fixline is retrying hourly (next try 26 Nov 2026, 15:04 UTC), but the order is due out at 26 Nov 2026, 15:40 UTC",
      ORDER_PAGE,
    ],
    never: ["skipped"],
  },
  "connection-silent--cart": {
    says: ["Connection silent: Shopify · Alder & Oak Home", "has gone silent", "by now there are usually about 14", ALERT_PAGE],
    never: ["not answering"],
  },
  "connection-down--holding-records": {
    says: ["is not answering", "Fixline holds 2 records for it: order #AO-10482 and order #AO-10483.", ALERT_PAGE],
    never: [],
  },
  "connection-recovered--backlog": {
    says: ["2 h 15 min", "sending the 1 record that waited (order #AO-10482)"],
    never: ["Nothing was waiting"],
  },
};

describe("every immediate email, in every state", () => {
  it("has an expectation for every state", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(EMAIL_STATES).sort());
  });

  it.each(Object.keys(EMAIL_STATES))("%s says what happened and nothing that did not", async (name) => {
    const { all } = await read(name);
    const { says, never } = EXPECTED[name]!;
    // Headings come out in capitals in the plain text: phrases are matched regardless of case.
    const pattern = (p: string | RegExp) => (typeof p === "string" ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i") : p);
    for (const phrase of says) expect(all).toMatch(pattern(phrase));
    for (const phrase of never) expect(all).not.toMatch(pattern(phrase));
  });

  it("a group email says each cause once, with each record's own link and its own state", async () => {
    const { subject, text } = await read("alert-group--mixed");
    expect(subject).toBe("Northwind WMS · Alder & Oak Home is down · 5 orders need you");
    expect(text).toMatch(/Address invalid: 2 on hold for a person/i);
    expect(text).toContain("refused them with an error only a person can fix");
    expect(text).toMatch(/Ship method unmapped: 1 on hold/i);
    expect(text).toContain("Fixline held it before sending: its ship method");
    expect(text).toContain("Skipped after one try");
    expect(text).toContain("It holds 38 records: order #AO-10482, order #AO-10483, order #AO-10484 and 35 more.");
    for (const id of [2001, 2002, 2003, 2004, 2005]) expect(text).toContain(`http://localhost:3000/orders/${id}`);
    const outage = await read("alert-group--after-outage");
    expect(outage.subject).toBe("Northwind WMS · Alder & Oak Home is back · 14 orders need you");
    expect(outage.text).toContain("and 4 more in Fixline");
    expect(Object.keys(GROUP_STATES)).toHaveLength(2);
  });

  it("shows every time in the reader's time zone, named", async () => {
    const { text } = await read("giving-up-soon--next-try-ahead", "America/New_York");
    expect(text).toContain("next try 26 Nov 2026, 09:40 EST");
    expect(text).not.toContain("UTC");
  });
});
