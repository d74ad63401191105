// Runs once when the server starts: migrate the database, seed it if it is empty, and — without
// TRIGGER_SECRET_KEY — start the in-process job runner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("./db/setup");
  await prepareDatabase();
  const { startJobsIfLocal } = await import("./jobs/start-local-runner");
  startJobsIfLocal();
}
