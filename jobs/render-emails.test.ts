// The email jobs render each email once, statically: the HTML must be React Email's render of the template, and
// the plain text, converted from the same HTML, must read exactly as React Email's own plain-text render would —
// except a digest's, which is written from its data (lib/notify/digest-text.ts).
import { render } from "@react-email/render";
import { createElement, type FunctionComponent } from "react";
import { describe, expect, it } from "vitest";
import ActionNeeded from "@/emails/action-needed";
import AlertGroup from "@/emails/alert-group";
import ConnectionDown from "@/emails/connection-down";
import ConnectionRecovered from "@/emails/connection-recovered";
import Digest from "@/emails/digest";
import GivingUpSoon from "@/emails/giving-up-soon";
import RecordSkipped from "@/emails/record-skipped";
import ShipBySoon from "@/emails/ship-by-soon";
import ConnectionSilent from "@/emails/connection-silent";
import { EMAIL_PREVIEWS, renderAlertEmail } from "@/emails/render-alert-email";
import { digestText } from "@/lib/notify/digest-text";
import type { AlertEmail, DigestEmail } from "@/lib/notify/email-models";

/** The empty comments React's streaming render adds (between texts, around the Suspense boundary and the document's parts). */
const STREAM_MARKERS = /<!--(?: |\$|\/\$|html|head|body)?-->/g;

const TEMPLATES: Record<AlertEmail["template"], FunctionComponent<never>> = {
  "action-needed": ActionNeeded,
  "record-skipped": RecordSkipped,
  "giving-up-soon": GivingUpSoon,
  "ship-by-soon": ShipBySoon,
  "connection-silent": ConnectionSilent,
  "connection-down": ConnectionDown,
  "connection-recovered": ConnectionRecovered,
  "alert-group": AlertGroup,
  digest: Digest,
};

/** A digest as large as a busy contact's: four groups of five lines. */
function bigDigest(): AlertEmail {
  const preview = EMAIL_PREVIEWS.digest as DigestEmail & AlertEmail;
  const group = preview.groups[1]!;
  const groups = ["Order send failed", "Tracking push failed", "Inventory push failed", "Remote error"].map((kindLabel, g) => ({
    ...group,
    kindLabel,
    lines: Array.from({ length: 5 }, (_, i) => ({
      ...group.lines[0]!,
      title: `#G${g}-${i}`,
      url: `https://fixline.test/alerts/${g * 5 + i}`,
    })),
  }));
  return { ...preview, groups };
}

/** Lines whose text React must escape, one link that is not http(s), and the same look twice in a row. */
function awkwardDigest(): AlertEmail {
  const preview = EMAIL_PREVIEWS.digest as DigestEmail & AlertEmail;
  const [first, second] = preview.groups;
  const awkward = {
    ...first!.lines[0]!,
    title: `#A&B<1>"'`,
    message: `Say "no" & <b>stop</b> — it's 'quoted'`,
    url: 'https://fixline.test/orders/1?a=1&b="2"',
  };
  const relative = { ...first!.lines[1]!, url: "/alerts/7", title: "relative" };
  return { ...preview, groups: [{ ...first!, lines: [awkward, relative, awkward] }, second!] };
}

describe("renderAlertEmail", () => {
  const cases = [...Object.entries(EMAIL_PREVIEWS), ["big digest", bigDigest()] as const, ["awkward digest", awkwardDigest()] as const];
  it.each(cases)(
    "%s: the HTML is React Email's render of the template, the text its plain-text render (a digest's, its own)",
    async (_, email) => {
      const element = createElement(TEMPLATES[email.template] as FunctionComponent<AlertEmail>, email);
      const { html, text } = await renderAlertEmail(email);
      expect(text).toBe(email.template === "digest" ? digestText(email) : await render(element, { plainText: true }));
      expect(html).toBe((await render(element)).replace(STREAM_MARKERS, ""));
      expect(text.length).toBeGreaterThan(100);
    },
  );

  it("lists every line of a big digest with its link in the text", async () => {
    const { text } = await renderAlertEmail(bigDigest());
    for (let n = 0; n < 20; n++) expect(text).toContain(`https://fixline.test/alerts/${n}`);
    expect(text).toContain("#G3-4");
  });
});
