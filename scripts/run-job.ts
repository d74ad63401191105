// `npm run job -- <id> [--now <ISO time>]`: runs one job once, in this process, against DATABASE_URL
// (migrated first), and prints what it did (per connection, or the job's own summary line). Nothing is
// scheduled or retried.
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { JOBS, jobById, jobContext } from "../jobs/registry";
import { isSweepJob, runJobOnce, type JobDefinition } from "../jobs/types";
import { localAuthSecret } from "./local-secret";

const USAGE = "Usage: npm run job -- <job id> [--now <ISO 8601 time>]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}\nKnown jobs: ${JOBS.map((job) => job.id).join(", ")}`);
  process.exit(2);
}

function parse(argv: string[]): { job: JobDefinition; now: Date } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { now: { type: "string" } } });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const [id, ...rest] = parsed.positionals;
  if (!id) fail("Which job?");
  if (rest.length > 0) fail(`Unexpected arguments: ${rest.join(" ")}`);
  const job = jobById(id);
  if (!job) fail(`Unknown job "${id}".`);
  const text = parsed.values.now;
  // Date.parse alone accepts "1" or "March 3"; require a date that at least looks like ISO 8601.
  const now = text === undefined ? new Date() : new Date(/^\d{4}-\d{2}-\d{2}/.test(text) ? text : Number.NaN);
  if (Number.isNaN(now.getTime())) fail(`Invalid --now "${text}": expected an ISO 8601 time such as 2025-03-01T10:00:00Z.`);
  return { job, now };
}

const { job, now } = parse(process.argv.slice(2));
// The email jobs sign unsubscribe links with the app's secret: locally, the one `npm run dev` made.
process.env.AUTH_SECRET ||= localAuthSecret();
const database = openDatabase();
try {
  await migrateDatabase(database);
  console.log(`Running ${job.id} for ${now.toISOString()} against ${database.url}`);
  const summaries = await runJobOnce(job, jobContext({ db: database.db, now }));
  if (summaries.length > 0) console.table(summaries);
  else if (!isSweepJob(job)) console.log("No connection had work due.");
} catch (error) {
  console.error(`${job.id} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  database.client.close();
}
