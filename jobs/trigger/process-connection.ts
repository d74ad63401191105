// Worker, triggered by the schedulers once per connection and scheduled time: does one connection's
// share of a job. Runs are keyed by connection and limited to one per key, so a connection is never
// processed twice at once; a run that throws is retried (3 attempts, exponential backoff).
import { AbortTaskRunError, logger, schemaTask } from "@trigger.dev/sdk";
import { jobById, jobContext } from "@/jobs/registry";
import { isSweepJob } from "@/jobs/types";
import { ProcessConnectionInput } from "./payloads";

export const PROCESS_CONNECTION_RETRY = {
  maxAttempts: 3,
  factor: 2,
  minTimeoutInMs: 1_000,
  maxTimeoutInMs: 30_000,
  randomize: true,
};

export const processConnectionTask = schemaTask({
  id: "process-connection",
  description: "One connection's share of a scheduled job (retry-orders or sync-connections)",
  schema: ProcessConnectionInput,
  queue: { name: "process-connection" },
  // With the scheduler's `concurrencyKey: String(connectionId)`: one run per connection at a time.
  // (4.8 deprecates `queue.concurrencyLimit`; `perKey` says that the limit is per key.)
  concurrency: { perKey: 1 },
  retry: PROCESS_CONNECTION_RETRY,
  maxDuration: 600,
  run: async (payload, { ctx }) => {
    const job = jobById(payload.jobId);
    if (!job || isSweepJob(job)) throw new AbortTaskRunError(`Unknown job "${payload.jobId}"`);
    const context = jobContext({
      now: new Date(payload.now),
      owner: `trigger:${ctx.run.id}:${ctx.attempt.number}`,
      log: (message) => logger.info(message),
    });
    return job.processConnection(context, payload.connectionId);
  },
});
