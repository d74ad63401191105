import { outcomeRecorder, type OutcomeRecorder } from "@/lib/retry/outcome-recorder";
import { processConnection, type ProcessMode } from "@/lib/retry/process-connection";
import { skipExpiredDeliveries } from "@/lib/retry/skip-delivery";
import type { ConnectionJob, JobContext } from "./types";

/**
 * A job that works connection by connection through the engine: first it skips every record whose window
 * has closed (also on a connection that is down), then it processes each connection with due work.
 */
/** One recorder per job run: the connections it works on at once write their outcomes in shared commits. */
const recorders = new WeakMap<JobContext, OutcomeRecorder>();

function recorderFor(ctx: JobContext): OutcomeRecorder {
  let recorder = recorders.get(ctx);
  if (!recorder) {
    recorder = outcomeRecorder(ctx);
    recorders.set(ctx, recorder);
  }
  return recorder;
}

export function connectionJob(spec: {
  id: string;
  cron: string;
  description: string;
  mode: ProcessMode;
  /** More work before the connections are processed. */
  alsoPrepare?: (ctx: JobContext) => Promise<void>;
  findConnections: (ctx: JobContext) => Promise<number[]>;
}): ConnectionJob {
  return {
    id: spec.id,
    cron: spec.cron,
    description: spec.description,
    async prepare(ctx) {
      const skipped = await skipExpiredDeliveries(ctx.db, ctx.now);
      if (skipped) ctx.log(`${spec.id}: skipped ${skipped} records whose retry window closed`);
      await spec.alsoPrepare?.(ctx);
    },
    findConnections: spec.findConnections,
    processConnection: (ctx, connectionId) => processConnection(ctx, { connectionId, mode: spec.mode, recorder: recorderFor(ctx) }),
  };
}
