import { expect, it } from "vitest";
import { createWorkQueue } from "./work-queue";

it("runs at most `concurrency` tasks at once, the rest in arrival order", async () => {
  const queue = createWorkQueue(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const task = (n: number) => async () => {
    started.push(n);
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 10));
    running--;
    return n;
  };
  const results = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.run(task(n))));
  expect(results).toEqual([1, 2, 3, 4, 5]);
  expect(started).toEqual([1, 2, 3, 4, 5]);
  expect(most).toBe(2);
  expect(queue.pending).toBe(0);
});

it("a task that fails frees its place", async () => {
  const queue = createWorkQueue(1);
  await expect(queue.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  expect(await queue.run(async () => "next")).toBe("next");
});
