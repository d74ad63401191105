// The scheduler half of a job on Trigger.dev: prepare, find the connections with due work, and trigger
// one process-connection run per connection, at most once per connection and scheduled time.
import { idempotencyKeys, logger, type BatchItem, type Context } from "@trigger.dev/sdk";
import { jobContext } from "@/jobs/registry";
import type { ConnectionJob, JobContext } from "@/jobs/types";
import { isJobId, type ProcessConnectionInput } from "./payloads";

/** Items per batchTrigger call: within the 500 of the original batch endpoint (batch trigger v2 takes 1,000). */
export const MAX_BATCH_SIZE = 500;

export type ProcessConnectionItem = BatchItem<ProcessConnectionInput>;
export type TriggerBatch = (items: ProcessConnectionItem[]) => Promise<unknown>;

export type FanOutResult = { jobId: string; scheduledAt: string; connections: number; batches: number };

/**
 * Runs `prepare` and `findConnections`, then hands the connections to `trigger` in batches. Each run is
 * keyed by connection, so the worker's `perKey: 1` limit never runs one connection twice at once, and
 * carries a global idempotency key, so a retried scheduler does not trigger a connection again.
 */
export async function fanOutConnections(
  job: ConnectionJob,
  ctx: JobContext,
  trigger: TriggerBatch,
  options: { batchSize?: number; ttl?: string } = {},
): Promise<FanOutResult> {
  const jobId = job.id;
  if (!isJobId(jobId)) throw new Error(`Job "${jobId}" has no process-connection payload; add it to JOB_IDS`);
  const batchSize = Math.min(options.batchSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE);
  const now = ctx.now.toISOString();
  await job.prepare?.(ctx);
  const connectionIds = [...new Set(await job.findConnections(ctx))];
  let batches = 0;
  for (let start = 0; start < connectionIds.length; start += batchSize) {
    const items = await Promise.all(
      connectionIds.slice(start, start + batchSize).map(async (connectionId): Promise<ProcessConnectionItem> => ({
        payload: { jobId, connectionId, now },
        options: {
          concurrencyKey: String(connectionId),
          idempotencyKey: await idempotencyKeys.create([job.id, String(connectionId), now], { scope: "global" }),
          ...(options.ttl ? { ttl: options.ttl } : {}),
          tags: [`job:${job.id}`, `connection:${connectionId}`],
        },
      })),
    );
    await trigger(items);
    batches++;
  }
  ctx.log(`${job.id} ${now}: triggered ${connectionIds.length} connection run(s) in ${batches} batch(es)`);
  return { jobId: job.id, scheduledAt: now, connections: connectionIds.length, batches };
}

/** The context a scheduler run works in: the scheduled time, and a lease holder named after the run. */
export function schedulerContext(scheduledAt: Date, ctx: Context): JobContext {
  return jobContext({
    now: scheduledAt,
    owner: `trigger:${ctx.run.id}:${ctx.attempt.number}`,
    log: (message) => logger.info(message),
  });
}
