// The server the browser tests run against: the production build on a fresh database.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_DATABASE_FILE, E2E_PORT } from "../e2e/config";

for (const suffix of ["", "-wal", "-shm"]) rmSync(E2E_DATABASE_FILE + suffix, { force: true });
const server = spawn("node_modules/.bin/next", ["start", "-p", String(E2E_PORT)], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: `file:${E2E_DATABASE_FILE}`,
    AUTH_SECRET: E2E_AUTH_SECRET,
    // Alert emails link back to this server.
    APP_URL: E2E_BASE_URL,
    AUTH_TRUST_HOST: "true",
    RESEND_API_KEY: "",
    // The browser tests drive the engine themselves; a background sync would race them.
    FIXLINE_JOBS: "off",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
