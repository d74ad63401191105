// Applies pending migrations to DATABASE_URL (default: the embedded file under data/).
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";

const database = openDatabase();
await migrateDatabase(database);
console.log(`Migrated ${database.url}`);
database.client.close();
