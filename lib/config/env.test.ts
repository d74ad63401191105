import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL } from "@/db/client";
import { DEFAULT_WEBHOOK_RATE } from "../webhooks/rate-limiter";
import { ENV_VARIABLES, envNames, envProblems, readEnv } from "./env";
import { LOCAL_APP_URL } from "./public-url";
import { checkStartupConfig } from "./startup-check";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** The README's "Configuration" table: each row's variable and default, in order. */
function readmeTable(): { name: string; default: string }[] {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
  return section
    .split("\n")
    .filter((line) => /^\| `[A-Z0-9_]+` \|/.test(line))
    .map((line) => {
      const [name, fallback] = line.split(" | ");
      return { name: name!.replace(/^\| `|`$/g, ""), default: fallback! };
    });
}

describe("the README's table of environment variables is the configuration module's list", () => {
  it("names every variable lib/config/env.ts reads, in its order, and nothing else", () => {
    expect(readmeTable().map((row) => row.name)).toEqual(envNames());
  });

  it("gives each the default the module documents", () => {
    expect(readmeTable()).toEqual(envNames().map((name) => ({ name, default: ENV_VARIABLES[name].default })));
  });

  it(".env.example sets only variables the module reads", () => {
    const example = read(".env.example")
      .split("\n")
      .flatMap((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1] ?? []);
    expect(example.length).toBeGreaterThan(20);
    expect(example.filter((name) => !(envNames() as string[]).includes(name))).toEqual([]);
  });
});

describe("reading the environment", () => {
  it("unset, every variable reads as the default the code had before it was read here", () => {
    const env = readEnv({});
    expect(env.DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
    expect(env.APP_URL).toBeUndefined(); // publicUrl() falls back to LOCAL_APP_URL
    expect(LOCAL_APP_URL).toBe("http://localhost:3000");
    expect({ ratePerSecond: env.WEBHOOK_RATE_PER_SECOND, burst: env.WEBHOOK_RATE_BURST }).toEqual(DEFAULT_WEBHOOK_RATE);
    expect(env).toMatchObject({
      DATABASE_SYNCHRONOUS: "normal",
      RESEND_REQUESTS_PER_SECOND: 2,
      EMAIL_FROM: "Fixline <alerts@fixline.local>",
      TRIGGER_PROJECT_REF: "proj_fixline",
      FIXLINE_JOBS: "on",
      FIXLINE_SEED: "on",
      FIXLINE_MAILBOX: "off",
      SANDBOX: "on",
      SANDBOX_URL: "http://127.0.0.1:4010",
      SANDBOX_PORT: 4010,
      SANDBOX_HOST: "127.0.0.1",
      PORT: 3000,
      E2E_PORT: 3100,
      E2E_SANDBOX_PORT: 4110,
      CI: false,
      FULL_PAGE: false,
    });
  });

  it("trims text, reads an empty value as unset and numbers as numbers", () => {
    const env = readEnv({
      APP_URL: " https://fixline.example.com ",
      RESEND_API_KEY: "  ",
      WEBHOOK_RATE_BURST: "20",
      DATABASE_SYNCHRONOUS: "FULL",
    });
    expect(env.APP_URL).toBe("https://fixline.example.com");
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.WEBHOOK_RATE_BURST).toBe(20);
    expect(env.DATABASE_SYNCHRONOUS).toBe("full");
  });

  it.each([
    ["WEBHOOK_RATE_BURST", "lots", 'WEBHOOK_RATE_BURST must be a positive number; it is "lots".', 200],
    ["RESEND_REQUESTS_PER_SECOND", "-1", 'RESEND_REQUESTS_PER_SECOND must be a positive number; it is "-1".', 2],
    ["SANDBOX_PORT", "70000", 'SANDBOX_PORT must be a port number; it is "70000".', 4010],
    ["FIXLINE_JOBS", "no", 'FIXLINE_JOBS must be on or off; it is "no".', "on"],
    ["DATABASE_SYNCHRONOUS", "fulll", 'DATABASE_SYNCHRONOUS must be normal or full; it is "fulll".', "normal"],
    [
      "DATABASE_URL",
      "postgres://db",
      'DATABASE_URL must start with file:, libsql://, https:// or http://; it is "postgres://db".',
      "file:data/fixline.db",
    ],
    ["APP_URL", "fixline.example.com", 'APP_URL must be an absolute http(s) URL; it is "fixline.example.com".', undefined],
  ] as const)("%s=%s is named, and reads as its default", (name, value, message, fallback) => {
    expect(envProblems({ [name]: value })).toEqual([{ name, message }]);
    expect(readEnv({ [name]: value })[name]).toBe(fallback);
  });

  it("sees a variable a script or test sets after the first read", () => {
    const before = readEnv().DATABASE_SYNCHRONOUS;
    process.env.DATABASE_SYNCHRONOUS = before === "full" ? "normal" : "full";
    try {
      expect(readEnv().DATABASE_SYNCHRONOUS).not.toBe(before);
    } finally {
      delete process.env.DATABASE_SYNCHRONOUS;
    }
  });
});

describe("a bad value at start", () => {
  const production = { NODE_ENV: "production", APP_URL: "https://fixline.example.com", AUTH_SECRET: "s3cret", RESEND_API_KEY: "re_123" };

  it("stops a production server, naming the variable and its value", () => {
    expect(checkStartupConfig(production)).toEqual({ errors: [], warnings: [] });
    expect(checkStartupConfig({ ...production, WEBHOOK_RATE_BURST: "lots" }).errors).toEqual([
      'WEBHOOK_RATE_BURST must be a positive number; it is "lots".',
    ]);
  });

  it("is a warning for a local server, which uses the default", () => {
    expect(checkStartupConfig({ NODE_ENV: "development", FIXLINE_SEED: "false" })).toEqual({
      errors: [],
      warnings: ['FIXLINE_SEED must be on or off; it is "false". Its default is used.'],
    });
  });
});

describe("nothing else reads the environment", () => {
  // Handing the environment on is not reading it: a child process's env (`...process.env`), Auth.js's own
  // variables set before it reads them (`process.env.AUTH_URL ||= …`), a test setting one. NEXT_RUNTIME is
  // replaced by Next at build time (instrumentation.ts). The benchmarks' knobs live in bench/.
  const HANDED_ON =
    /\.\.\.process\.env\b|process\.env\.[A-Z0-9_]+\s*(\|\|=|\?\?=|=(?!=))|delete process\.env\.|process\.env\.NEXT_RUNTIME/g;
  const SKIP = new Set(["node_modules", ".next", "data", "bench", "test-results", "playwright-report"]);
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIP.has(entry.name) || entry.name.startsWith(".") ? [] : sources(path);
      return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [path] : [];
    });

  it("reads process.env in lib/config/env.ts only", () => {
    const readers = sources(ROOT)
      .map((path) => relative(ROOT, path))
      .filter((path) => path !== "lib/config/env.ts" && path !== "lib/config/env.test.ts")
      .flatMap((path) =>
        read(path)
          .split("\n")
          .flatMap((line, i) => (line.replace(HANDED_ON, "").includes("process.env") ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(readers).toEqual([]);
  });
});
