import { eq } from "drizzle-orm";
import { readEnv } from "@/lib/config/env";
import { getDatabase, type Database } from "./client";
import { migrateDatabase } from "./migrate";
import { users } from "./schema";
import { DEMO_USERS, demoLoginLines } from "./seed/demo-users";
import { isDatabaseEmpty, seedDemoData } from "./seed/seed-demo";

/**
 * Brings a database up to date on start: applies pending migrations and, on the first start of an
 * empty database, loads the demo data. Returns whether it seeded.
 */
export async function prepareDatabase(database: Database = getDatabase(), now = new Date()): Promise<boolean> {
  await migrateDatabase(database);
  const seed = readEnv().FIXLINE_SEED !== "off" && (await isDatabaseEmpty(database.db));
  if (seed) {
    const summary = await seedDemoData(database.db, now);
    console.log(`Fixline: seeded demo data (${summary.orders} orders, ${summary.alerts} alerts).`);
  }
  const [demo] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS.warehouseAdmin.email));
  if (demo) console.log(["Fixline demo sign-ins (email, password):", ...demoLoginLines()].join("\n"));
  return seed;
}
