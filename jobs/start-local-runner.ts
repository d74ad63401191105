// Called from instrumentation.ts once the database is prepared: starts the in-process job runner
// unless Trigger.dev runs the jobs or FIXLINE_JOBS=off.
import { readEnv, type EnvSource } from "@/lib/config/env";
import { JOBS, jobContext } from "@/jobs/registry";
import { currentLocalRunner, shouldRunLocally, startLocalRunner, type LocalRunner } from "@/jobs/local-runner";

export function startJobsIfLocal(source?: EnvSource): LocalRunner | undefined {
  const env = readEnv(source);
  // `next build` may load instrumentation while prerendering; a build must not send anything.
  if (env.NEXT_PHASE === "phase-production-build") return undefined;
  if (!shouldRunLocally(source)) {
    console.log(env.TRIGGER_SECRET_KEY ? "Fixline jobs: Trigger.dev (TRIGGER_SECRET_KEY is set)" : "Fixline jobs: off (FIXLINE_JOBS=off)");
    return undefined;
  }
  const running = currentLocalRunner();
  if (running) return running;
  const runner = startLocalRunner(JOBS, { context: (now) => jobContext({ now }) });
  console.log(`Fixline jobs: local runner (${JOBS.map((job) => `${job.id} ${job.cron}`).join(", ")})`);
  return runner;
}
