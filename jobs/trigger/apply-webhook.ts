// Worker, triggered by the webhook route once per stored event (with TRIGGER_SECRET_KEY): applies it and sends
// what it makes. Idempotency key = the receipt, so a repeated hand-off is one run; the receipt is claimed in a
// transaction, so a run and the minute job's pick-up (processPendingReceipts) never apply it twice.
import { logger, schemaTask } from "@trigger.dev/sdk";
import { jobContext } from "@/jobs/registry";
import { processReceipt } from "@/lib/webhooks/process-receipt";
import { ApplyWebhookInput } from "./payloads";

export const applyWebhookTask = schemaTask({
  id: "apply-webhook",
  description: "Apply one stored webhook event and send what it makes",
  schema: ApplyWebhookInput,
  queue: { name: "apply-webhook" },
  retry: { maxAttempts: 3, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 30_000, randomize: true },
  maxDuration: 120,
  run: async ({ receiptId }, { ctx }) => {
    const context = jobContext({ owner: `trigger:${ctx.run.id}:${ctx.attempt.number}`, log: (message) => logger.info(message) });
    return processReceipt(context, receiptId);
  },
});
