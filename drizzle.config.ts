import { defineConfig } from "drizzle-kit";

const url = process.env.DATABASE_URL ?? "file:data/fixline.db";
const remote = !url.startsWith("file:");

export default defineConfig({
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dialect: remote ? "turso" : "sqlite",
  dbCredentials: remote ? { url, authToken: process.env.DATABASE_AUTH_TOKEN } : { url },
});
