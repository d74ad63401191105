import { expect, it } from "vitest";
import { createBackgroundProcessor } from "./background-processor";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(options: { quietMs?: number; maxDeferMs?: number; concurrency?: number; busyShare?: () => number } = {}) {
  const applied: number[] = [];
  const errors: number[] = [];
  let running = 0;
  let most = 0;
  const processor = createBackgroundProcessor({
    concurrency: options.concurrency ?? 2,
    quietMs: options.quietMs ?? 10,
    maxDeferMs: options.maxDeferMs ?? 10_000,
    spareBelow: 0.85,
    // The loop is full unless a test says otherwise: the requests-first behaviour.
    utilization: options.busyShare ?? (() => 1),
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
  return {
    processor,
    applied,
    errors,
    most: () => most,
    resetMost: () => {
      most = 0;
    },
  };
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

it("W3: under a stream of requests that leaves the loop time to spare, work runs at once, a batch at a time", async () => {
  const { processor, applied, most } = recorder({ quietMs: 10, maxDeferMs: 10_000, concurrency: 3, busyShare: () => 0.5 });
  processor.requestStarted();
  for (const id of [1, 2, 3, 4, 5, 6]) processor.enqueue(id);
  // A request is in flight all along, but half the loop is idle: nothing waits maxDeferMs (10 s) behind it.
  await processor.idle();
  expect(applied).toEqual([1, 2, 3, 4, 5, 6]);
  expect(most()).toBe(3);
  processor.requestEnded();
});

it("W3: once the loop fills up, the requests go first again: one event per maxDeferMs", async () => {
  let share = 0.5;
  const { processor, applied, most, resetMost } = recorder({ quietMs: 5, maxDeferMs: 60, concurrency: 3, busyShare: () => share });
  processor.requestStarted();
  for (const id of [1, 2, 3, 4]) processor.enqueue(id);
  await processor.idle();
  expect(applied).toEqual([1, 2, 3, 4]);
  expect(most()).toBe(3);
  share = 0.9;
  resetMost();
  const started = performance.now();
  for (const id of [5, 6]) processor.enqueue(id);
  await pause(30);
  expect(applied).toEqual([1, 2, 3, 4]);
  await processor.idle();
  expect(applied).toEqual([1, 2, 3, 4, 5, 6]);
  expect(performance.now() - started).toBeGreaterThanOrEqual(120);
  expect(most()).toBe(1);
  processor.requestEnded();
});

it("measures the process's own event loop by default: a loop kept busy reads as busy", async () => {
  const { createBackgroundProcessor: create } = await import("./background-processor");
  const applied: number[] = [];
  const processor = create({
    concurrency: 2,
    quietMs: 5,
    maxDeferMs: 200,
    spareBelow: 0.85,
    process: async (id) => void applied.push(id),
    onError: () => {},
  });
  processor.requestStarted();
  // Busy the loop in 20 ms slices for 300 ms, leaving it only a moment between slices; the event comes 50 ms in.
  const busyUntil = performance.now() + 300;
  const spin = async () => {
    while (performance.now() < busyUntil) {
      const slice = performance.now() + 20;
      while (performance.now() < slice) {
        // spin
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const spinning = spin();
  await pause(50);
  processor.enqueue(1);
  await pause(50);
  // The loop was full: the event waited behind the "requests".
  expect(applied).toEqual([]);
  await spinning;
  await processor.idle();
  expect(applied).toEqual([1]);
  processor.requestEnded();
});
