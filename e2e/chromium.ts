import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { readEnv } from "../lib/config/env";

/** Debian's chromium first (Playwright cannot download a browser here), then one Playwright installed. */
export function findChromium(): string | undefined {
  const candidates = [readEnv().CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const system = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (system) return system;
  try {
    const bundled = chromium.executablePath();
    return existsSync(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
}

/** Flags a root, sandboxed, offline machine needs (see the project's STACK notes). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
