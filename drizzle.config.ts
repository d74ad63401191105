import { defineConfig } from "drizzle-kit";
import { readEnv } from "./lib/config/env";

const { DATABASE_URL: url, DATABASE_AUTH_TOKEN: authToken } = readEnv();
const remote = !url.startsWith("file:");

export default defineConfig({
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dialect: remote ? "turso" : "sqlite",
  dbCredentials: remote ? { url, authToken } : { url },
});
