// Payload schemas for the Trigger.dev tasks: one module, so a scheduler and its worker agree on the shape.
import { z } from "zod";

/** The jobs a worker run can belong to; the ids of the definitions in jobs/registry.ts. */
export const JOB_IDS = ["retry-orders", "sync-connections"] as const;
export type JobId = (typeof JOB_IDS)[number];

/** One connection's share of a scheduled job run. `now` is the scheduled time the scheduler ran for. */
export const ProcessConnectionInput = z.object({
  jobId: z.enum(JOB_IDS),
  connectionId: z.number().int().positive(),
  now: z.iso.datetime({ offset: true }),
});
export type ProcessConnectionInput = z.infer<typeof ProcessConnectionInput>;

export function isJobId(id: string): id is JobId {
  return (JOB_IDS as readonly string[]).includes(id);
}

/** One stored webhook event (a `webhook_receipts` row) to apply. */
export const ApplyWebhookInput = z.object({ receiptId: z.number().int().positive() });
export type ApplyWebhookInput = z.infer<typeof ApplyWebhookInput>;
