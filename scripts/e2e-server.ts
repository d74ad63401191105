// The server the browser tests run against: the production build on a fresh database, and the sandbox
// connector its connections point at (E2E_SANDBOX_PORT), so a test can see a record reach the WMS or cart.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createSandboxServer } from "@/lib/sandbox/server";
import { E2E_DATABASE_FILE, E2E_PORT, E2E_SANDBOX_PORT, E2E_SANDBOX_URL } from "../e2e/config";

for (const suffix of ["", "-wal", "-shm"]) rmSync(E2E_DATABASE_FILE + suffix, { force: true });

// Every answer deterministic: no order meets a busy WMS by chance.
const sandbox = createSandboxServer({ flakyRate: 0 });
await sandbox.listen(E2E_SANDBOX_PORT);

const server = spawn("node_modules/.bin/next", ["start", "-p", String(E2E_PORT)], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: `file:${E2E_DATABASE_FILE}`,
    AUTH_SECRET: "e2e-only-secret-not-for-production-use",
    AUTH_TRUST_HOST: "true",
    RESEND_API_KEY: "",
    SANDBOX_URL: E2E_SANDBOX_URL,
    // The browser tests drive the engine themselves; a background sync would race them.
    FIXLINE_JOBS: "off",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  void sandbox.close().then(() => process.exit(code ?? 0));
});
