// Runs once when the server starts: check the configuration (a production server refuses to start without a
// public URL and a session secret, or with a variable it cannot read; elsewhere a bad value is a warning),
// migrate the database, seed it if it is empty, and — without TRIGGER_SECRET_KEY — start the in-process job
// runner. NEXT_RUNTIME is read here directly: Next replaces it at build time, so the edge build drops the rest.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartupConfig } = await import("./lib/config/startup-check");
  const { errors, warnings } = checkStartupConfig();
  for (const warning of warnings) console.warn(`\n*** WARNING: ${warning}\n`);
  if (errors.length) {
    console.error(`Fixline cannot start:\n${errors.map((e) => `  - ${e}`).join("\n")}\nSee README.md, "Configuration" and "Production".`);
    process.exit(1);
  }
  const { prepareDatabase } = await import("./db/setup");
  await prepareDatabase();
  const { startJobsIfLocal } = await import("./jobs/start-local-runner");
  startJobsIfLocal();
}
