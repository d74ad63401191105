import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium";
import { E2E_BASE_URL } from "./e2e/config";
import { readEnv } from "./lib/config/env";

const { CI } = readEnv();

const browser = { ...devices["Desktop Chrome"], launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: CI,
  retries: 0,
  reporter: CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // Specs that only read the demo data run first; specs that change it (fixes, retries, webhooks) after,
  // so a count read by one never races a change made by another.
  projects: [
    { name: "browse", testMatch: /(sign-in|tenancy)\.spec\.ts/, use: browser },
    // One at a time: these specs change shared demo data (resolve alerts, map ship methods, resend orders).
    { name: "act", testIgnore: /(sign-in|tenancy)\.spec\.ts/, dependencies: ["browse"], workers: 1, use: browser },
  ],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${E2E_BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
  },
});
