// `npm run dev`: the web app, the local job runner and the sandbox connector on the embedded database, with
// no configuration. The database is migrated and seeded when the server starts (instrumentation.ts), which
// also starts the job runner; a sign-in secret is made once and kept in data/.
import { spawn, type ChildProcess } from "node:child_process";
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
const children: ChildProcess[] = [];
const start = (command: string, args: string[]) => {
  const child = spawn(command, args, { stdio: "inherit", env });
  children.push(child);
  // One of them stopping stops the others: a half-running demo is confusing.
  child.on("exit", (code) => {
    for (const other of children) if (other !== child) other.kill("SIGTERM");
    process.exit(code ?? 0);
  });
};

if (process.env.SANDBOX !== "off") start("node_modules/.bin/tsx", ["scripts/sandbox.ts"]);
start("node_modules/.bin/next", ["dev", ...process.argv.slice(2)]);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => children.forEach((c) => c.kill(signal)));
