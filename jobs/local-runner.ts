// Runs every job in this process on its UTC cron when Trigger.dev is not configured: a job never
// overlaps itself, a run that throws is retried with exponential backoff, and nothing here throws.
import { Cron } from "croner";
import { readEnv, type EnvSource } from "@/lib/config/env";
import { requestedRetryDelay } from "./retry-delay";
import { runJobOnce, type ConnectionRunSummary, type JobContext, type JobDefinition } from "./types";

export type LocalRunnerOptions = {
  /** The context for one attempt of a run scheduled at `now`. */
  context: (now: Date) => JobContext;
  /**
   * Retries after a run throws (default 3), the first waiting `retryDelayMs` (default 1 s), each then doubling;
   * never sooner than the error's own `retryAfterMs` (a 429's Retry-After).
   */
  retries?: number;
  retryDelayMs?: number;
  log?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
};

export type LocalRunner = { jobs: string[]; stop: () => void };

export type TickResult =
  | { status: "succeeded"; attempts: number; summaries: ConnectionRunSummary[] }
  | { status: "failed"; attempts: number; error: unknown }
  | { status: "skipped" };

/** Local runs happen unless Trigger.dev runs the jobs (TRIGGER_SECRET_KEY) or they are switched off. */
export function shouldRunLocally(source?: EnvSource): boolean {
  const env = readEnv(source);
  return !env.TRIGGER_SECRET_KEY && env.FIXLINE_JOBS !== "off";
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function summarize(summaries: ConnectionRunSummary[]): string {
  const total = (key: "attempted" | "succeeded" | "failed" | "held" | "skipped") =>
    summaries.reduce((sum, summary) => sum + summary[key], 0);
  return `${summaries.length} connection(s): attempted ${total("attempted")}, succeeded ${total("succeeded")}, failed ${total("failed")}, held ${total("held")}, skipped ${total("skipped")}`;
}

/**
 * One scheduled run of a job, retried with backoff. Refuses to start while the previous run is still
 * going (croner's `protect` does the same; this also covers a tick called by hand).
 */
export function createTick(job: JobDefinition, options: LocalRunnerOptions): (scheduledAt: Date) => Promise<TickResult> {
  const { retries = 3, retryDelayMs = 1_000, log = console.log, sleep = defaultSleep } = options;
  let busy = false;
  return async (scheduledAt) => {
    if (busy) {
      log(`Fixline jobs: ${job.id} ${scheduledAt.toISOString()} skipped, the previous run is still going`);
      return { status: "skipped" };
    }
    busy = true;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const summaries = await runJobOnce(job, options.context(scheduledAt));
          if (summaries.length > 0) log(`Fixline jobs: ${job.id} ${scheduledAt.toISOString()} ${summarize(summaries)}`);
          return { status: "succeeded", attempts: attempt, summaries };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (attempt > retries) {
            log(`Fixline jobs: ${job.id} ${scheduledAt.toISOString()} failed after ${attempt} attempt(s): ${message}`);
            return { status: "failed", attempts: attempt, error };
          }
          // Backoff, or the wait Resend asked for (Retry-After) when that is longer.
          const delay = Math.max(retryDelayMs * 2 ** (attempt - 1), requestedRetryDelay(error) ?? 0);
          log(`Fixline jobs: ${job.id} ${scheduledAt.toISOString()} attempt ${attempt} failed (${message}); retrying in ${delay} ms`);
          await sleep(delay);
        }
      }
    } finally {
      busy = false;
    }
  };
}

/** The time a tick was due: croner reports when it fired, a few ms late. */
function scheduledTime(cron: Cron): Date {
  const fired = cron.currentRun() ?? new Date();
  return cron.previousRuns(1, new Date(fired.getTime() + 1_000))[0] ?? fired;
}

type RunnerGlobal = { fixlineLocalRunner?: LocalRunner };
const runnerGlobal = globalThis as unknown as RunnerGlobal;

/** The runner started in this process, if any. */
export function currentLocalRunner(): LocalRunner | undefined {
  return runnerGlobal.fixlineLocalRunner;
}

/**
 * Schedules every job with croner (UTC). Started once per process: Next may evaluate instrumentation
 * more than once, so a second call returns the running runner. Timers are unref'd so a one-off
 * process (a build, a script) can still exit.
 */
export function startLocalRunner(jobs: readonly JobDefinition[], options: LocalRunnerOptions): LocalRunner {
  const running = runnerGlobal.fixlineLocalRunner;
  if (running) return running;
  const log = options.log ?? console.log;
  const crons = jobs.map((job) => {
    const tick = createTick(job, options);
    return new Cron(
      job.cron,
      {
        timezone: "UTC",
        protect: () => log(`Fixline jobs: ${job.id} tick skipped, the previous run is still going`),
        catch: (error) => log(`Fixline jobs: ${job.id} ${String(error)}`),
        unref: true,
      },
      async (self) => {
        await tick(scheduledTime(self));
      },
    );
  });
  const runner: LocalRunner = {
    jobs: jobs.map((job) => job.id),
    stop: () => {
      for (const cron of crons) cron.stop();
      if (runnerGlobal.fixlineLocalRunner === runner) runnerGlobal.fixlineLocalRunner = undefined;
    },
  };
  runnerGlobal.fixlineLocalRunner = runner;
  return runner;
}
