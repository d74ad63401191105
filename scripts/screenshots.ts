// Screenshots of the main pages for the README and for review: `npm run screenshots` against a running app
// (BASE_URL, default http://localhost:3000), signed in with the demo warehouse admin.
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../e2e/chromium";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/demo-users";
import { readEnv } from "../lib/config/env";

const { BASE_URL: base, SCREENSHOT_DIR: out, FULL_PAGE: fullPage } = readEnv();
const pages = (process.argv.slice(2).length ? process.argv.slice(2) : ["/alerts", "/orders", "/settings/profile"]).map((p) => p);

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
await page.goto(`${base}/login`);
await page.screenshot({ path: `${out}/login.png` });
await page.getByLabel("Email").fill(DEMO_USERS.warehouseAdmin.email);
await page.getByLabel("Password").fill(DEMO_PASSWORD);
await page.getByRole("button", { name: "Sign in", exact: true }).click();
await page.waitForURL(/\/alerts/);
for (const path of pages) {
  await page.goto(`${base}${path}`);
  const name = path.replace(/^\//, "").replace(/[/?=&]+/g, "-") || "home";
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
  console.log(`${out}/${name}.png`);
}
await browser.close();
