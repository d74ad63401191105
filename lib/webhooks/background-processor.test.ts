import { expect, it } from "vitest";
import { createBackgroundProcessor } from "./background-processor";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(options: { quietMs?: number; maxDeferMs?: number; concurrency?: number } = {}) {
  const applied: number[] = [];
  const errors: number[] = [];
  let running = 0;
  let most = 0;
  const processor = createBackgroundProcessor({
    concurrency: options.concurrency ?? 2,
    quietMs: options.quietMs ?? 10,
    maxDeferMs: options.maxDeferMs ?? 10_000,
    async process(id) {
      running++;
      most = Math.max(most, running);
      await pause(5);
      running--;
      if (id < 0) throw new Error("cannot apply");
      applied.push(id);
    },
    onError: (id) => errors.push(id),
  });
  return { processor, applied, errors, most: () => most };
}

it("waits while a request is in flight and starts once requests have been quiet for a moment", async () => {
  const { processor, applied } = recorder({ quietMs: 10 });
  processor.requestStarted();
  processor.enqueue(1);
  processor.enqueue(2);
  await pause(60);
  expect(applied).toEqual([]);
  expect(processor.pending).toBe(2);
  processor.requestEnded();
  await processor.idle();
  expect(applied).toEqual([1, 2]);
  expect(processor.pending).toBe(0);
});

it("under requests without a gap, work still runs, one event per maxDeferMs", async () => {
  const { processor, applied, most } = recorder({ quietMs: 10, maxDeferMs: 40, concurrency: 4 });
  processor.requestStarted();
  const started = performance.now();
  processor.enqueue(1);
  processor.enqueue(2);
  await pause(20);
  expect(applied).toEqual([]);
  await processor.idle();
  expect(applied).toEqual([1, 2]);
  // One at a time, each after waiting maxDeferMs behind the request.
  expect(most()).toBe(1);
  expect(performance.now() - started).toBeGreaterThanOrEqual(80);
  processor.requestEnded();
});

it("applies a few at a time, in arrival order, and one that fails does not stop the rest", async () => {
  const { processor, applied, errors, most } = recorder({ concurrency: 2, quietMs: 1 });
  for (const id of [1, -2, 3, 4, 5]) processor.enqueue(id);
  await processor.idle();
  expect(applied).toEqual([1, 3, 4, 5]);
  expect(errors).toEqual([-2]);
  expect(most()).toBe(2);
});
