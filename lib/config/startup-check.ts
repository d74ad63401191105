import { envProblems, readEnv, type EnvSource } from "./env";

/**
 * What a server refuses to start with, and what it warns about loudly (docs/security.md, README "Production").
 * Read once when the server starts (instrumentation.ts). A variable set to a value that does not parse
 * (lib/config/env.ts) stops a production server and is a warning elsewhere, where its default is used.
 */
export type StartupReport = { errors: string[]; warnings: string[] };

export function checkStartupConfig(source?: EnvSource): StartupReport {
  if (readEnv(source).NODE_ENV === "production") return checkProductionConfig(source);
  return { errors: [], warnings: envProblems(source).map((p) => `${p.message} Its default is used.`) };
}

export function checkProductionConfig(source?: EnvSource): StartupReport {
  const env = readEnv(source);
  const problems = envProblems(source);
  const errors: string[] = [];
  const warnings: string[] = [];
  const invalid = new Set(problems.map((p) => p.name));
  if (!env.APP_URL && !env.AUTH_URL && !invalid.has("APP_URL") && !invalid.has("AUTH_URL")) {
    errors.push("APP_URL is not set: it is the public URL every link in every email points to (e.g. https://fixline.example.com).");
  }
  errors.push(...problems.map((p) => p.message));
  if (env.APP_URL && env.AUTH_URL && new URL(env.APP_URL).origin !== new URL(env.AUTH_URL).origin) {
    errors.push(
      `APP_URL (${new URL(env.APP_URL).origin}) and AUTH_URL (${new URL(env.AUTH_URL).origin}) name different hosts: set one public URL.`,
    );
  }
  if (!env.AUTH_SECRET?.trim()) errors.push("AUTH_SECRET is not set: it signs sessions (e.g. `openssl rand -base64 32`).");
  if (!env.RESEND_API_KEY) {
    warnings.push(
      env.FIXLINE_MAILBOX === "on"
        ? "RESEND_API_KEY is not set: NO EMAIL LEAVES THIS SERVER. FIXLINE_MAILBOX=on shows them at /dev/mailbox to signed-in users, scoped to their accounts."
        : "RESEND_API_KEY is not set: NO EMAIL LEAVES THIS SERVER. Alert emails and digests are only stored, and sign-in links cannot be sent (the sign-in page says so).",
    );
  }
  return { errors, warnings };
}
