// Trigger.dev project settings: the tasks in jobs/trigger wrap the job definitions in jobs/.
// Without TRIGGER_SECRET_KEY the app runs the same jobs in-process instead (jobs/local-runner.ts).
import { defineConfig } from "@trigger.dev/sdk";
import { readEnv } from "./lib/config/env";

export default defineConfig({
  project: readEnv().TRIGGER_PROJECT_REF,
  dirs: ["./jobs/trigger"],
  maxDuration: 600,
  retries: {
    enabledInDev: true,
    default: { maxAttempts: 3, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 30_000, randomize: true },
  },
});
