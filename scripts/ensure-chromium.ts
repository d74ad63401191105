// Before the browser tests: find a Chromium, install Debian's when we can (root with apt), else say what to run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "../e2e/chromium";

const found = findChromium();
if (found) {
  console.log(`Browser tests use ${found}`);
  process.exit(0);
}
const isRoot = process.getuid?.() === 0;
if (isRoot && existsSync("/usr/bin/apt-get")) {
  console.log("No Chromium found: installing Debian's chromium package…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  const installed = findChromium();
  if (installed) {
    console.log(`Browser tests use ${installed}`);
    process.exit(0);
  }
}
console.error(
  [
    "No Chromium found for the browser tests. Install one, then run npm test again:",
    "  Debian/Ubuntu:  sudo apt-get install -y chromium",
    "  elsewhere:      npx playwright install chromium",
    "  or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  ].join("\n"),
);
process.exit(1);
