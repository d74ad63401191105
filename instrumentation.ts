// Runs once when the server starts: check a production server's configuration (it refuses to start without
// a public URL and a session secret), migrate the database, seed it if it is empty, and — without
// TRIGGER_SECRET_KEY — start the in-process job runner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV === "production") {
    const { checkProductionConfig } = await import("./lib/config/startup-check");
    const { errors, warnings } = checkProductionConfig(process.env);
    for (const warning of warnings) console.warn(`\n*** WARNING: ${warning}\n`);
    if (errors.length) {
      console.error(`Fixline cannot start:\n${errors.map((e) => `  - ${e}`).join("\n")}\nSee README.md, "Production".`);
      process.exit(1);
    }
  }
  const { prepareDatabase } = await import("./db/setup");
  await prepareDatabase();
  const { startJobsIfLocal } = await import("./jobs/start-local-runner");
  startJobsIfLocal();
}
