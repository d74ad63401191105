import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { readEnv } from "./lib/config/env";

// On the libSQL test server (npm run test:server) every statement is an HTTP round trip through one server process
// that both test workers share: the heaviest tests (hundreds of records) take a few times longer.
const onServer = Boolean(readEnv().TEST_LIBSQL_SERVER);

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "jobs/**/*.test.ts", "app/**/*.test.ts"],
    // Seeding hashes the demo password with bcrypt, which takes a moment on a slow machine.
    testTimeout: onServer ? 90_000 : 20_000,
    hookTimeout: onServer ? 90_000 : 20_000,
  },
});
