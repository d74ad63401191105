// `npm run emails:render`: every alert email template in every state its record can meet (lib/notify/email-states.ts,
// written by the same code as the jobs), and each template's preview props, rendered to HTML (and plain text) in
// docs/emails/, and screenshot in Chromium at a desktop mail client's width (600 px) and a phone's (375 px), so a
// person can look at each before it reaches anyone.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../e2e/chromium";
import { EMAIL_PREVIEWS, renderAlertEmail } from "../emails/render-alert-email";
import { readEnv } from "../lib/config/env";
import type { AlertEmail } from "../lib/notify/email-models";
import { EMAIL_STATES, GROUP_STATES, stateContent } from "../lib/notify/email-states";

const out = readEnv().EMAILS_DIR;
const widths = [600, 375];
mkdirSync(out, { recursive: true });
// What an earlier render wrote goes first: a state that no longer exists must not linger.
for (const file of readdirSync(out)) if (/\.(html|txt|png)$/.test(file)) rmSync(`${out}/${file}`);

const footer = (EMAIL_PREVIEWS["action-needed"] as AlertEmail).footer;
const emails: [string, AlertEmail][] = [
  ...Object.entries(EMAIL_PREVIEWS),
  ...[...Object.keys(EMAIL_STATES), ...Object.keys(GROUP_STATES)].map((name): [string, AlertEmail] => [
    name,
    { ...stateContent(name), footer } as AlertEmail,
  ]),
];

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  for (const [name, props] of emails) {
    const { subject, html, text } = await renderAlertEmail(props);
    writeFileSync(`${out}/${name}.html`, html);
    writeFileSync(`${out}/${name}.txt`, `Subject: ${subject}\n\n${text}\n`);
    for (const width of widths) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      // Offline, as a mail client that blocks remote content: any external request would fail the check below.
      const external: string[] = [];
      await page.route("**/*", (route) =>
        route.request().url().startsWith("data:") ? route.continue() : (external.push(route.request().url()), route.abort()),
      );
      await page.setContent(html, { waitUntil: "load" });
      if (external.length) throw new Error(`${name} loads external resources: ${external.join(", ")}`);
      await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) throw new Error(`${name} is ${overflow}px wider than ${width}px`);
      await page.close();
    }
    console.log(`${out}/${name}.html  "${subject}"`);
  }
} finally {
  await browser.close();
}
