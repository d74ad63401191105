import type { Db } from "@/db/client";
import type { Send } from "@/lib/connectors/send";
import type { ProcessSummary } from "@/lib/retry/process-connection";

/** What every job run gets: the database, the time it runs for, the outbound sender and a worker name. */
export type JobContext = {
  db: Db;
  now: Date;
  send: Send;
  /** Names the lease holder (R7): unique per worker process or task run. */
  owner: string;
  log: (message: string) => void;
};

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
 * Runs a job in-process: a sweep job's run, or prepare then every due connection one after another. One connection that throws
 * does not stall the others; the errors are thrown together at the end, so the runner retries the run.
 */
export async function runJobOnce(job: JobDefinition, ctx: JobContext): Promise<ConnectionRunSummary[]> {
  if (isSweepJob(job)) {
    await job.run(ctx);
    return [];
  }
  await job.prepare?.(ctx);
  const summaries: ConnectionRunSummary[] = [];
  const errors: unknown[] = [];
  for (const connectionId of await job.findConnections(ctx)) {
    try {
      summaries.push(await job.processConnection(ctx, connectionId));
    } catch (error) {
      ctx.log(`${job.id}: connection ${connectionId} failed: ${error instanceof Error ? error.message : String(error)}`);
      errors.push(error);
    }
  }
  if (errors.length) throw new AggregateError(errors, `${job.id}: ${errors.length} connection(s) failed`);
  return summaries;
}
