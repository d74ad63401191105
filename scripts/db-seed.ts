// Migrates DATABASE_URL and loads the demo data if the database is empty; `--force` wipes an embedded file first.
import { rmSync } from "node:fs";
import { databaseUrl, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { demoLoginLines } from "../db/seed/demo-users";
import { isDatabaseEmpty, seedDemoData } from "../db/seed/seed-demo";

const url = databaseUrl();
if (process.argv.includes("--force") && url.startsWith("file:")) {
  const path = url.slice("file:".length);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
}
const database = openDatabase(url);
await migrateDatabase(database);
if (await isDatabaseEmpty(database.db)) {
  const summary = await seedDemoData(database.db, new Date());
  console.log(`Seeded ${url}: ${summary.orders} orders, ${summary.alerts} alerts.`);
} else {
  console.log(`${url} already has data; run \`npm run db:seed -- --force\` to start over.`);
}
console.log("Demo sign-ins:");
for (const line of demoLoginLines()) console.log(line);
database.client.close();
