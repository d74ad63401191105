// Where a stored webhook event goes after its 202: to a Trigger.dev run when TRIGGER_SECRET_KEY is set, else to
// this process's background work. Either way the receipt is stored first; one that is never handed off (the
// process stopped, Trigger.dev refused the request) stays `accepted` and the minute job applies it.
import { tasks } from "@trigger.dev/sdk";
import type { applyWebhookTask } from "./trigger/apply-webhook";

/** Hand-offs per batchTrigger request: a burst of events is a few requests, not one per event. */
export const HAND_OFF_BATCH = 100;
/** How long a hand-off waits for others to join its batch. */
export const HAND_OFF_WAIT_MS = 10;

export type TriggerReceipts = (items: { payload: { receiptId: number }; options: { idempotencyKey: string } }[]) => Promise<unknown>;

export type ReceiptHandOff = { handOff: (receiptId: number) => void; flushed: () => Promise<void> };

/** The idempotency key of a receipt's run: one run per stored event, however often it is handed off. */
export const receiptRunKey = (receiptId: number) => `webhook-receipt:${receiptId}`;

/** Gathers hand-offs for `waitMs` (or `batch` of them) and triggers them together. */
export function createReceiptHandOff(
  trigger: TriggerReceipts,
  onError: (receiptIds: number[], error: unknown) => void,
  options: { batch?: number; waitMs?: number } = {},
): ReceiptHandOff {
  const batch = options.batch ?? HAND_OFF_BATCH;
  const waitMs = options.waitMs ?? HAND_OFF_WAIT_MS;
  let waiting: number[] = [];
  let timer: NodeJS.Timeout | null = null;
  const inFlight = new Set<Promise<unknown>>();
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const ids = [...new Set(waiting)];
    waiting = [];
    if (!ids.length) return;
    const sent = trigger(ids.map((receiptId) => ({ payload: { receiptId }, options: { idempotencyKey: receiptRunKey(receiptId) } })))
      .catch((error: unknown) => onError(ids, error))
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };
  return {
    handOff(receiptId) {
      waiting.push(receiptId);
      if (waiting.length >= batch) flush();
      else timer ??= setTimeout(flush, waitMs);
    },
    async flushed() {
      flush();
      await Promise.all(inFlight);
    },
  };
}

/** The real trigger: one batchTrigger request of the apply-webhook task. */
export const triggerApplyWebhook: TriggerReceipts = (items) => tasks.batchTrigger<typeof applyWebhookTask>("apply-webhook", items);
