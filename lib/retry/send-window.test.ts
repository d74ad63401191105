import { describe, expect, it } from "vitest";
import type { Outcome } from "../connectors/outcome";
import type { AttemptResult } from "./attempt-delivery";
import { openingWindow, sendInWindow } from "./send-window";

const OK: Outcome = { kind: "success", status: 200 };
const DOWN: Outcome = { kind: "transient", status: 503, code: null, message: "503", retryAfterMs: null };
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** An attempt function that answers from a script after a tick, and tracks how many run at once and in which order they start. */
function scripted(answer: (index: number) => { outcome: Outcome; down?: boolean }) {
  const seen = {
    running: 0,
    most: 0,
    started: [] as number[],
    runningAtStart: [] as number[],
    afterFailure: [] as number[],
    failed: false,
  };
  const attempt = async (index: number): Promise<AttemptResult> => {
    seen.started.push(index);
    seen.runningAtStart.push(seen.running);
    if (seen.failed) seen.afterFailure.push(seen.running);
    seen.running++;
    seen.most = Math.max(seen.most, seen.running);
    await tick();
    seen.running--;
    const { outcome, down = false } = answer(index);
    if (outcome.kind === "transient") seen.failed = true;
    return { deliveryId: index, result: outcome.kind === "success" ? "succeeded" : "retrying", outcome, connectionDown: down };
  };
  return { attempt, seen };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("sendInWindow", () => {
  it("starts alone, opens by one per answer up to its maximum, and starts records in order", async () => {
    const { attempt, seen } = scripted(() => ({ outcome: OK }));
    const { results, down, unstarted } = await sendInWindow(items(60), attempt, { window: openingWindow(8) });
    expect(results).toHaveLength(60);
    expect(down).toBe(false);
    expect(unstarted).toEqual([]);
    expect(seen.started).toEqual(items(60));
    expect(seen.runningAtStart[1]).toBe(0); // the second waits for the first answer
    expect(seen.most).toBe(8);
  });

  it("after a transient failure sends one at a time", async () => {
    const { attempt, seen } = scripted((i) => ({ outcome: i >= 20 ? DOWN : OK }));
    const window = openingWindow(8);
    await sendInWindow(items(40), attempt, { window });
    expect(seen.most).toBe(8);
    // Every record started after the first failure was answered starts with nothing else in flight.
    expect(seen.afterFailure.length).toBeGreaterThan(5);
    expect(seen.afterFailure.every((running) => running === 0)).toBe(true);
    expect(window.size).toBe(1);
  });

  it("opens again as answers come back after failures", async () => {
    const { attempt } = scripted((i) => ({ outcome: i === 0 ? DOWN : OK }));
    const window = openingWindow(8);
    await sendInWindow(items(40), attempt, { window });
    expect(window.size).toBe(8);
  });

  it("starts nothing more once an attempt reports the connection down, and returns what it never started", async () => {
    const { attempt, seen } = scripted((i) => ({ outcome: DOWN, down: i === 4 }));
    const { results, down, unstarted } = await sendInWindow(items(30), attempt, { window: openingWindow(16) });
    expect(down).toBe(true);
    expect(seen.started).toEqual([0, 1, 2, 3, 4]);
    expect(results).toHaveLength(5);
    expect(unstarted).toEqual(items(30).slice(5));
  });

  it("honours stop, but always starts the first record", async () => {
    const { attempt, seen } = scripted(() => ({ outcome: OK }));
    const { unstarted } = await sendInWindow(items(10), attempt, { window: openingWindow(4), stop: () => true });
    expect(seen.started).toEqual([0]);
    expect(unstarted).toEqual(items(10).slice(1));
  });

  it("pauses after each answer when paced, and not after the one that takes the connection down", async () => {
    const { attempt } = scripted((i) => ({ outcome: i === 3 ? DOWN : OK, down: i === 3 }));
    let pauses = 0;
    await sendInWindow(items(10), attempt, { window: openingWindow(1), pause: async () => void pauses++ });
    expect(pauses).toBe(3);
  });

  it("throws the first error once the attempts in flight have finished, starting no more", async () => {
    const { attempt: ok, seen } = scripted(() => ({ outcome: OK }));
    const attempt = async (i: number) => {
      if (i === 6) throw new Error("database is gone");
      return ok(i);
    };
    await expect(sendInWindow(items(50), attempt, { window: openingWindow(4) })).rejects.toThrow("database is gone");
    expect(seen.running).toBe(0);
    expect(Math.max(...seen.started)).toBeLessThan(12);
  });
});
