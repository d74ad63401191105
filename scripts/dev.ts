// `npm run dev`: the web app, the local job runner and the sandbox connector on the embedded database, with
// no configuration. The database is migrated and seeded when the server starts (instrumentation.ts), which
// also starts the job runner; a sign-in secret is made once and kept in data/.
import { spawn, type ChildProcess } from "node:child_process";
import { readEnv } from "@/lib/config/env";
import { localAuthSecret } from "./local-secret";

/** The port `next dev` will listen on (`-p`/`--port`, PORT, or 3000): alert emails link to it unless APP_URL says otherwise. */
function devPort(args: string[]): string {
  const flag = args.findIndex((a) => a === "-p" || a === "--port");
  return (flag >= 0 ? args[flag + 1] : undefined) ?? String(readEnv().PORT);
}

const env = {
  ...process.env,
  AUTH_SECRET: readEnv().AUTH_SECRET || localAuthSecret(),
  APP_URL: readEnv().APP_URL || `http://localhost:${devPort(process.argv.slice(2))}`,
};
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

if (readEnv().SANDBOX !== "off") start("node_modules/.bin/tsx", ["scripts/sandbox.ts"]);
start("node_modules/.bin/next", ["dev", ...process.argv.slice(2)]);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => children.forEach((c) => c.kill(signal)));
