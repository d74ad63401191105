// Trigger.dev project settings: the tasks in jobs/trigger wrap the job definitions in jobs/.
// Without TRIGGER_SECRET_KEY the app runs the same jobs in-process instead (jobs/local-runner.ts).
import { defineConfig } from "@trigger.dev/sdk";

export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? "proj_fixline",
  dirs: ["./jobs/trigger"],
  maxDuration: 600,
  retries: {
    enabledInDev: true,
    default: { maxAttempts: 3, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 30_000, randomize: true },
  },
});
