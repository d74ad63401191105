import { z } from "zod";

/**
 * Every environment variable Fixline reads — the server, the jobs, the npm commands and the test harness — read
 * and checked here, and nowhere else (lib/config/env.test.ts holds the README's table and the tree to it).
 * A leaf: it imports only zod, so any layer may use it, db/ included. The benchmarks' own knobs (BENCH_*,
 * SOAK_*, SWEEP_*) stay in bench/.
 *
 * Reading never throws: a value that does not parse is reported by `envProblems` — a production server refuses
 * to start on it, a local one warns (startup-check.ts, instrumentation.ts) — and reads as its default meanwhile,
 * as it did before there was a check.
 */
export type EnvSource = Record<string, string | undefined>;

/** Trimmed; empty reads as unset. */
const text = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);
/** As given (a secret is used byte for byte by the library that reads it too). */
const raw = z.string().optional();
const withDefault = <T>(schema: z.ZodType<T | undefined, string | undefined>, fallback: T) => schema.transform((v) => v ?? fallback);

const isHttpUrl = (value: string) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const httpUrl = text.refine((v) => v === undefined || isHttpUrl(v), "must be an absolute http(s) URL");
const databaseUrl = text.refine(
  (v) => v === undefined || /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/.test(v),
  "must start with file:, libsql://, https:// or http://",
);
const onOff = (fallback: "on" | "off") =>
  withDefault(text.pipe(z.enum(["on", "off"], { error: "must be on or off" }).optional()), fallback);
const number = text.transform((v) => (v === undefined ? undefined : Number(v)));
const positive = (fallback: number) =>
  withDefault(number.pipe(z.number({ error: "must be a positive number" }).positive("must be a positive number").optional()), fallback);
const share = (fallback: number) =>
  withDefault(
    number.pipe(z.number({ error: "must be a number from 0 to 1" }).min(0, "must be from 0 to 1").max(1, "must be from 0 to 1").optional()),
    fallback,
  );
const port = (fallback: number) =>
  withDefault(
    number.pipe(
      z
        .number({ error: "must be a port number" })
        .int("must be a port number")
        .min(1, "must be a port number")
        .max(65_535, "must be a port number")
        .optional(),
    ),
    fallback,
  );

/** Each variable: how its text is read, and what the README's table says of it (lib/config/env.test.ts). */
export const ENV_VARIABLES = {
  // The database
  DATABASE_URL: { schema: withDefault(databaseUrl, "file:data/fixline.db"), default: "`file:data/fixline.db`" },
  DATABASE_AUTH_TOKEN: { schema: raw, default: "—" },
  DATABASE_SYNCHRONOUS: {
    schema: withDefault(
      text.transform((v) => v?.toLowerCase()).pipe(z.enum(["normal", "full"], { error: "must be normal or full" }).optional()),
      "normal",
    ),
    default: "`normal`",
  },
  // Sign-in and the public URL
  AUTH_SECRET: { schema: raw, default: "made by `npm run dev` into `data/auth-secret`" },
  AUTH_URL: { schema: httpUrl, default: "`APP_URL`" },
  APP_URL: { schema: httpUrl, default: "`http://localhost:3000` (`npm run dev`: its port); **required** in production" },
  // Email
  RESEND_API_KEY: { schema: text, default: "—" },
  RESEND_BASE_URL: { schema: httpUrl, default: "`https://api.resend.com`" },
  RESEND_REQUESTS_PER_SECOND: { schema: positive(2), default: "`2`" },
  EMAIL_FROM: { schema: withDefault(text, "Fixline <alerts@fixline.local>"), default: "`Fixline <alerts@fixline.local>`" },
  EMAIL_TOKEN_SECRET: { schema: text, default: "`AUTH_SECRET`" },
  FIXLINE_MAILBOX: { schema: onOff("off"), default: "on under `npm run dev`" },
  // Jobs
  TRIGGER_SECRET_KEY: { schema: text, default: "—" },
  TRIGGER_PROJECT_REF: { schema: withDefault(text, "proj_fixline"), default: "`proj_fixline`" },
  FIXLINE_JOBS: { schema: onOff("on"), default: "`on`" },
  // Webhooks
  WEBHOOK_RATE_PER_SECOND: { schema: positive(50), default: "`50`" },
  WEBHOOK_RATE_BURST: { schema: positive(200), default: "`200`" },
  WEBHOOK_SPARE_BELOW: { schema: share(0.85), default: "`0.85`" },
  // Demo data and the sandbox connector
  FIXLINE_SEED: { schema: onOff("on"), default: "`on`" },
  SANDBOX_URL: { schema: withDefault(httpUrl, "http://127.0.0.1:4010"), default: "`http://127.0.0.1:4010`" },
  SANDBOX: { schema: onOff("on"), default: "`on`" },
  SANDBOX_PORT: { schema: port(4010), default: "`4010`" },
  SANDBOX_HOST: { schema: withDefault(text, "127.0.0.1"), default: "`127.0.0.1`" },
  PORT: { schema: port(3000), default: "`3000`" },
  // Set by Node.js hosts and Next.js
  NODE_ENV: {
    schema: text.pipe(z.enum(["development", "production", "test"], { error: "must be development, production or test" }).optional()),
    default: "set by `next dev` / `next start`",
  },
  NEXT_PHASE: { schema: text, default: "set by Next.js" },
  // Benchmarks, tests and screenshots
  FIXLINE_BENCH_ROUTES: { schema: onOff("off"), default: "`off`" },
  CHROMIUM_PATH: { schema: text, default: "`/usr/bin/chromium`" },
  E2E_PORT: { schema: port(3100), default: "`3100`" },
  E2E_SANDBOX_PORT: { schema: port(4110), default: "`4110`" },
  TEST_LIBSQL_SERVER: { schema: httpUrl, default: "—" },
  CI: { schema: raw.transform(Boolean), default: "—" },
  BASE_URL: { schema: withDefault(httpUrl, "http://localhost:3000"), default: "`http://localhost:3000`" },
  SCREENSHOT_DIR: { schema: withDefault(text, "docs/screenshots"), default: "`docs/screenshots`" },
  FULL_PAGE: { schema: raw.transform((v) => v === "1"), default: "—" },
  EMAILS_DIR: { schema: withDefault(text, "docs/emails"), default: "`docs/emails`" },
} as const satisfies Record<string, { schema: z.ZodType<unknown, string | undefined>; default: string }>;

export type EnvName = keyof typeof ENV_VARIABLES;
export type Env = { readonly [K in EnvName]: z.output<(typeof ENV_VARIABLES)[K]["schema"]> };

const NAMES = Object.keys(ENV_VARIABLES) as EnvName[];

/** The value a variable reads as when it is unset. */
const fallbackOf = (name: EnvName) => ENV_VARIABLES[name].schema.parse(undefined);

export type EnvProblem = { name: EnvName; message: string };

function parse(source: EnvSource): { env: Env; problems: EnvProblem[] } {
  const env: Record<string, unknown> = {};
  const problems: EnvProblem[] = [];
  for (const name of NAMES) {
    const value = source[name];
    const parsed = ENV_VARIABLES[name].schema.safeParse(value);
    if (parsed.success) {
      env[name] = parsed.data;
      continue;
    }
    env[name] = fallbackOf(name);
    problems.push({ name, message: `${name} ${parsed.error.issues[0]?.message ?? "is not valid"}; it is "${value}".` });
  }
  return { env: env as Env, problems };
}

let cached: { key: string; env: Env } | null = null;

/**
 * The configuration, from `source` (the process's environment unless a test passes its own). Read afresh when a
 * variable has changed — scripts and tests set some before they start work — and otherwise from a cache.
 */
export function readEnv(source: EnvSource = process.env): Env {
  if (source !== process.env) return parse(source).env;
  const key = NAMES.map((name) => source[name] ?? "\u0000").join("\u0001");
  if (cached?.key !== key) cached = { key, env: parse(source).env };
  return cached.env;
}

/** What is wrong with the variables that are set, one sentence each, naming the variable and its value. */
export function envProblems(source: EnvSource = process.env): EnvProblem[] {
  return parse(source).problems;
}

/** The names this module reads, in the README's order. */
export function envNames(): EnvName[] {
  return [...NAMES];
}
