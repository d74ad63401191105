import { readEnv } from "../lib/config/env";

/** Several checkouts on one machine can run their browser tests side by side on different ports. */
export const { E2E_PORT, E2E_SANDBOX_PORT, TEST_LIBSQL_SERVER } = readEnv();
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
export const E2E_DATABASE_FILE = "data/e2e.db";
/** The test server's database: the embedded file, or (npm run test:server) a database on the libSQL test server. */
export const E2E_DATABASE_NAME = `e2e-${E2E_PORT}`;
export const E2E_DATABASE_URL = TEST_LIBSQL_SERVER
  ? `${TEST_LIBSQL_SERVER.replace(/\/$/, "")}/ns/${E2E_DATABASE_NAME}/`
  : `file:${E2E_DATABASE_FILE}`;
/** The test server's secret: it signs sessions and unsubscribe links, so a job run from a test must use it too. */
export const E2E_AUTH_SECRET = "e2e-only-secret-not-for-production-use";
