import { describe, expect, it } from "vitest";
import { createReceiptHandOff, receiptRunKey, type TriggerReceipts } from "./webhook-hand-off";

// W1 on Trigger.dev (docs/rules.md#w1, docs/deploy.md): the route stores the event, answers, and hands the receipt to
// an apply-webhook run keyed by the receipt — a burst is a few batch requests, never one request per event.
function recorder(fail = false) {
  const calls: Parameters<TriggerReceipts>[0][] = [];
  const trigger: TriggerReceipts = async (items) => {
    calls.push(items);
    if (fail) throw new Error("Trigger.dev answered 503");
  };
  return { calls, trigger };
}

describe("handing webhook receipts to Trigger.dev", () => {
  it("a burst of 250 events is three batch requests of at most 100, each run keyed by its receipt", async () => {
    const { calls, trigger } = recorder();
    const errors: number[][] = [];
    const handOff = createReceiptHandOff(trigger, (ids) => errors.push(ids), { waitMs: 50 });
    for (let id = 1; id <= 250; id++) handOff.handOff(id);
    await handOff.flushed();
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    const items = calls.flat();
    expect(items.map((i) => i.payload.receiptId)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(items.every((i) => i.options.idempotencyKey === receiptRunKey(i.payload.receiptId))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("a receipt handed off twice in one batch is one item, and a lone event goes out after the wait", async () => {
    const { calls, trigger } = recorder();
    const handOff = createReceiptHandOff(trigger, () => {}, { waitMs: 5 });
    handOff.handOff(7);
    handOff.handOff(7);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([[{ payload: { receiptId: 7 }, options: { idempotencyKey: "webhook-receipt:7" } }]]);
  });

  it("a refused hand-off names its receipts (they stay accepted for the minute job) and throws nothing at the route", async () => {
    const { trigger } = recorder(true);
    const errors: number[][] = [];
    const handOff = createReceiptHandOff(trigger, (ids) => errors.push(ids));
    handOff.handOff(1);
    handOff.handOff(2);
    await expect(handOff.flushed()).resolves.toBeUndefined();
    expect(errors).toEqual([[1, 2]]);
  });
});
