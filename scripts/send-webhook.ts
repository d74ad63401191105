// `npm run webhook -- <connectionId> <file.json|-> [--url http://localhost:3000] [--id msg_…]`: signs an event with
// the connection's secret (read from the database, DATABASE_URL) using the Standard Webhooks reference library,
// posts it to the running app, and prints the answer. For connector authors and testers; exits 1 on a non-2xx.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { connections } from "@/db/schema";
import { signRequest } from "@/lib/webhooks/sign-request";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: "string", default: "http://localhost:3000" }, id: { type: "string" } },
});
const [connectionArg, source] = positionals;
if (!connectionArg || !source) {
  console.error("Usage: npm run webhook -- <connectionId> <file.json|-> [--url http://localhost:3000] [--id msg_…]");
  process.exit(2);
}

const database = openDatabase();
const [connection] = await database.db
  .select()
  .from(connections)
  .where(eq(connections.id, Number(connectionArg)));
database.client.close();
if (!connection) {
  console.error(`No connection ${connectionArg} in ${database.url}.`);
  process.exit(2);
}

const body = readFileSync(source === "-" ? 0 : source, "utf8");
const headers = signRequest(connection.webhookSecret, body, { id: values.id });
const url = `${values.url!.replace(/\/$/, "")}/api/webhooks/${connection.id}`;
const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
console.log(`POST ${url} (${connection.name}, webhook-id ${headers["webhook-id"]})`);
console.log(`${response.status} ${response.statusText}`);
console.log(await response.text());
process.exit(response.ok ? 0 : 1);
