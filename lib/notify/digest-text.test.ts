import { describe, expect, it } from "vitest";
import type { AlertKind } from "@/db/schema";
import { composeDigest, type MerchantDigestGroups } from "./build-digest";
import { digestHeadline, digestText } from "./digest-text";
import type { DigestEmail, EmailFooter } from "./email-models";

const NOW = new Date("2026-11-26T08:00:00Z");
const SINCE = new Date("2026-11-25T08:00:00Z");
const NEXT = new Date("2026-11-27T08:00:00Z");
const HOUR = 3_600_000;
const APP = "https://fixline.test";

const footer: EmailFooter = {
  recipientEmail: "ops@alder.example",
  accountName: "Alder & Oak Home",
  reason: 'ops@alder.example is an alert contact of Alder & Oak Home in Fixline with emails set to "Daily digest".',
  unsubscribeUrl: `${APP}/unsubscribe?token=t0k%2Fen`,
  profileUrl: `${APP}/settings/profile`,
};

type LineSpec = { id: number; title: string; message?: string; hoursAgo: number; orderId?: number };
/** One group of one merchant: `open` alerts in all, the given lines shown (newest first, as the query ranks them). */
function group(kind: AlertKind, merchantName: string, needsPerson: boolean, open: number, lines: LineSpec[]): MerchantDigestGroups[number] {
  const fresh = lines.filter((l) => l.hoursAgo < 24).length;
  return {
    count: { kind, accountId: 7, needsPerson, merchantName, open, fresh },
    lines: lines.map((l) => ({
      id: l.id,
      kind,
      orderId: l.orderId ?? null,
      message: l.message ?? "503 Service Unavailable",
      errorCode: null,
      httpStatus: l.message ? null : 503,
      connectionPlatform: "Extensiv 3PL Warehouse Manager",
      connectionKind: "wms" as const,
      orderNumber: l.title,
      productCode: null,
      firstSeenAt: NOW.getTime() - l.hoursAgo * HOUR,
      occurrences: l.id % 3 === 0 ? 1 : 4,
      connectionName: "Northwind WMS",
    })),
  };
}

function digest(groups: MerchantDigestGroups): DigestEmail & { footer: EmailFooter } {
  const composed = composeDigest(groups, { since: SINCE, until: NOW, now: NOW, next: NEXT, frequency: "daily" }, APP);
  if (!composed) throw new Error("nothing to say");
  return { ...composed, footer };
}

const sendFailed = group("order_send_failed", "Alder & Oak Home", false, 7, [
  { id: 11, title: "#1001", hoursAgo: 1 },
  { id: 12, title: "#1002", hoursAgo: 2 },
  { id: 13, title: "#1003", hoursAgo: 30 },
  { id: 14, title: "#1004", hoursAgo: 50 },
  { id: 15, title: "#1005", hoursAgo: 72 },
]);
const addressInvalid = group("address_invalid", "Bright Trail <Outdoor>", true, 1, [
  { id: 21, title: "#B&T-7", message: 'Invalid ShipTo.State "TX."\n\n  not a   US state', hoursAgo: 5, orderId: 900 },
]);

describe("digestText", () => {
  const email = digest([sendFailed, addressInvalid]);
  const text = digestText(email);

  it("opens with the frequency and the headline the subject carries, and the counts", () => {
    expect(text.startsWith("Fixline · Daily digest\n\n3 new alerts, 5 still open\n\n")).toBe(true);
    expect(digestHeadline(email)).toBe("3 new alerts, 5 still open");
    expect(text).toContain("New since 25 Nov 2026, 08:00 UTC");
    expect(text).toContain("New: 3 · Still open: 5 · Need a person: 1");
    expect(digestHeadline({ newCount: 1, stillOpenCount: 0 })).toBe("1 new alert, 0 still open");
  });

  it("lists every alert once under its kind and merchant, with its message, age, failures and the link that fixes it", () => {
    for (const [id, title] of [
      [11, "#1001"],
      [12, "#1002"],
      [13, "#1003"],
      [14, "#1004"],
      [15, "#1005"],
    ] as const) {
      expect(text.split(`${APP}/alerts/${id}\n`)).toHaveLength(2);
      expect(text).toMatch(
        new RegExp(
          `\\* ${title}( \\(NEW\\))?\\n  The system is down or overloaded for now\\. .+ For support: 503 Service Unavailable\\n  first seen .+\\n  ${APP}/alerts/${id}\\n`,
        ),
      );
    }
    // A person must fix the address on the order page, so that line links there.
    expect(text).toContain(
      `* #B&T-7 (NEW)\n  The ship-to region or country code “TX” is not one the WMS knows. Correct the address on the order. For support: Invalid ShipTo.State "TX." not a US state\n  first seen 5 h ago · 1 failure\n  ${APP}/orders/900\n`,
    );
    expect(text).toContain("first seen 1 h ago · 4 failures");
    expect(text).toContain("first seen 3 days ago · 1 failure");
    // Groups needing a person come first, each under a heading naming the kind and merchant.
    const address = text.indexOf("== Address invalid · Bright Trail <Outdoor> · needs a person ==\n1 new, 0 still open");
    const send = text.indexOf("== Order send failed · Alder & Oak Home ==\n2 new, 5 still open");
    expect(address).toBeGreaterThan(0);
    expect(send).toBeGreaterThan(address);
    expect(text.indexOf("* #1001")).toBeGreaterThan(send);
  });

  it("marks exactly the new alerts, and points to the rest of a group that has more than it shows", () => {
    expect(text.match(/\(NEW\)/g)).toHaveLength(3);
    expect(text).toContain("* #1003\n");
    expect(text).toContain(`and 2 more in Fixline: ${APP}/alerts\n`);
    expect(text.match(/more in Fixline/g)).toHaveLength(1);
    expect(text).toContain("- Order send failed · Alder & Oak Home: 2 new, 5 still open");
  });

  it("keeps names and messages as written: plain text escapes nothing", () => {
    expect(text).not.toMatch(/&amp;|&lt;|&gt;|&quot;|&#/);
    expect(text).toContain("Bright Trail <Outdoor>");
  });

  it("ends with the next digest, the Alerts tab, why the person got it and the links to change or stop it", () => {
    expect(text).toContain(`Open the Alerts tab: ${APP}/alerts\n\nYour next daily digest comes on 27 Nov 2026, 08:00 UTC.\n`);
    expect(text).toContain(`You got this email because ${footer.reason}\n`);
    expect(text).toContain(`Change how often you get emails: ${APP}/settings/profile\n`);
    expect(text).toContain(`Unsubscribe ops@alder.example: ${APP}/unsubscribe?token=t0k%2Fen\n`);
    expect(text.endsWith("Fixline · alerts and retries for your order integrations\n")).toBe(true);
  });
});
