// The server the browser tests run against: the production build on a fresh database, with the sandbox
// connector standing in for every demo WMS and cart (the seeded connections point at it).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createSandboxServer } from "../lib/sandbox/server";
import {
  E2E_AUTH_SECRET,
  E2E_BASE_URL,
  E2E_DATABASE_FILE,
  E2E_DATABASE_NAME,
  E2E_DATABASE_URL,
  E2E_PORT,
  E2E_SANDBOX_PORT,
  TEST_LIBSQL_SERVER,
} from "../e2e/config";

// A fresh database: the embedded file deleted, or the test server's database dropped (it is made again on first use).
if (TEST_LIBSQL_SERVER) await fetch(`${TEST_LIBSQL_SERVER.replace(/\/$/, "")}/_test/ns/${E2E_DATABASE_NAME}`, { method: "DELETE" });
else for (const suffix of ["", "-wal", "-shm"]) rmSync(E2E_DATABASE_FILE + suffix, { force: true });
// Deterministic answers: no order fails "by chance" in a test.
const sandbox = createSandboxServer({ flakyRate: 0 });
const { url: sandboxUrl } = await sandbox.listen(E2E_SANDBOX_PORT);
const server = spawn("node_modules/.bin/next", ["start", "-p", String(E2E_PORT)], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: E2E_DATABASE_URL,
    AUTH_SECRET: E2E_AUTH_SECRET,
    APP_URL: E2E_BASE_URL,
    SANDBOX_URL: sandboxUrl,
    RESEND_API_KEY: "",
    // The tests read emails in the local mailbox, which a production build serves only when told to.
    FIXLINE_MAILBOX: "on",
    // The browser tests drive the engine themselves; a background sync would race them.
    FIXLINE_JOBS: "off",
  },
});
const stop = (signal: NodeJS.Signals) => {
  server.kill(signal);
  void sandbox.close();
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
server.on("exit", (code) => {
  void sandbox.close();
  process.exit(code ?? 0);
});
