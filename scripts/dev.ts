// `npm run dev`: the web app on the embedded database with no configuration. The database is migrated
// and seeded when the server starts (instrumentation.ts); a sign-in secret is made once and kept in data/.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const SECRET_FILE = "data/auth-secret";

function localAuthSecret(): string {
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, "utf8").trim();
  mkdirSync("data", { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(SECRET_FILE, secret, { mode: 0o600 });
  return secret;
}

const env = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET || localAuthSecret(), AUTH_TRUST_HOST: "true" };
const next = spawn("node_modules/.bin/next", ["dev", ...process.argv.slice(2)], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
