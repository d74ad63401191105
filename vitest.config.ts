import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "jobs/**/*.test.ts", "app/**/*.test.ts"],
    // Seeding hashes the demo password with bcrypt, which takes a moment on a slow machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
