import type { EngineContext } from "@/lib/core/context";
import type { ProcessSummary } from "@/lib/retry/connection-run";

/**
 * What every job run gets: the engine's context (the database, the time it runs for, the outbound sender and a
 * worker name that holds its leases, unique per worker process or task run; the system acts), and a log.
 */
export type JobContext = EngineContext & {
  log: (message: string) => void;
  /** Connections a job works on at once in this process (default CONNECTION_CONCURRENCY). */
  connectionConcurrency?: number;
};

/**
 * One process works on this many connections at once: each has its own lease and its own bounded
 * attempts in flight, so together they keep the database's single writer busy with larger commits.
 */
export const CONNECTION_CONCURRENCY = 10;

/** What one connection's run did: attempted, succeeded, failed, held, skipped, and whether it only probed. */
export type ConnectionRunSummary = ProcessSummary;

type JobBase = {
  id: string;
  /** UTC cron expression. */
  cron: string;
  description: string;
};

/**
 * A scheduled job, split like the Trigger.dev tasks that wrap it: a scheduler that finds the
 * connections with due work, and a worker that does one connection. The local runner calls both in
 * one process; on Trigger.dev the scheduler fans out one worker run per connection.
 */
export type ConnectionJob = JobBase & {
  /** Work that is not per connection (e.g. skipping records whose window closed), run before fan-out. */
  prepare?: (ctx: JobContext) => Promise<void>;
  findConnections: (ctx: JobContext) => Promise<number[]>;
  processConnection: (ctx: JobContext, connectionId: number) => Promise<ConnectionRunSummary>;
};

/**
 * A scheduled job that does all its work in one run (the email jobs): there is nothing per connection to
 * fan out. It must be safe to run twice for the same time: a retried run repeats nothing it finished.
 */
export type SweepJob = JobBase & {
  run: (ctx: JobContext) => Promise<void>;
};

export type JobDefinition = ConnectionJob | SweepJob;

export function isSweepJob(job: JobDefinition): job is SweepJob {
  return "run" in job;
}

/**
 * Runs a job in-process: a sweep job's run, or prepare then every due connection, up to
 * `connectionConcurrency` at once, each connection once. One connection that throws does not stall the
 * others; the errors are thrown together at the end, so the runner retries the run. Summaries come in
 * the order the connections were found.
 */
export async function runJobOnce(job: JobDefinition, ctx: JobContext): Promise<ConnectionRunSummary[]> {
  if (isSweepJob(job)) {
    await job.run(ctx);
    return [];
  }
  await job.prepare?.(ctx);
  const connectionIds = await job.findConnections(ctx);
  const summaries: (ConnectionRunSummary | undefined)[] = new Array(connectionIds.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < connectionIds.length) {
      const index = next++;
      const connectionId = connectionIds[index]!;
      try {
        summaries[index] = await job.processConnection(ctx, connectionId);
      } catch (error) {
        ctx.log(`${job.id}: connection ${connectionId} failed: ${error instanceof Error ? error.message : String(error)}`);
        errors.push(error);
      }
    }
  };
  const workers = Math.max(1, Math.min(ctx.connectionConcurrency ?? CONNECTION_CONCURRENCY, connectionIds.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (errors.length) throw new AggregateError(errors, `${job.id}: ${errors.length} connection(s) failed`);
  return summaries.filter((s): s is ConnectionRunSummary => s !== undefined);
}
