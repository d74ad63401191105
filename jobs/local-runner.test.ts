import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTick, currentLocalRunner, shouldRunLocally, startLocalRunner, type LocalRunnerOptions } from "./local-runner";
import type { ConnectionJob, ConnectionRunSummary, JobContext } from "./types";

const summary = (connectionId: number): ConnectionRunSummary => ({
  connectionId,
  attempted: 1,
  succeeded: 1,
  failed: 0,
  held: 0,
  skipped: 0,
  probed: false,
});

function fakeJob(overrides: Partial<ConnectionJob> = {}): ConnectionJob {
  return {
    id: "fake-job",
    cron: "* * * * * *",
    description: "fake",
    findConnections: async () => [1],
    processConnection: async (_ctx, connectionId) => summary(connectionId),
    ...overrides,
  };
}

/** Options recording logs and the contexts made; the fake jobs never touch the database. */
function recorder(extra: Partial<LocalRunnerOptions> = {}) {
  const logs: string[] = [];
  const contexts: JobContext[] = [];
  const options: LocalRunnerOptions = {
    context: (now) => {
      const ctx: JobContext = {
        db: {} as Db,
        now,
        send: () => Promise.reject(new Error("no sending")),
        owner: `test:${contexts.length}`,
        log: () => {},
      };
      contexts.push(ctx);
      return ctx;
    },
    log: (message) => logs.push(message),
    retryDelayMs: 5,
    ...extra,
  };
  return { logs, contexts, options };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await wait(10);
  }
}

afterEach(() => currentLocalRunner()?.stop());

describe("shouldRunLocally", () => {
  it.each([
    [{}, true],
    [{ FIXLINE_JOBS: "on" }, true],
    [{ TRIGGER_SECRET_KEY: "" }, true],
    [{ TRIGGER_SECRET_KEY: "tr_dev_123" }, false],
    [{ FIXLINE_JOBS: "off" }, false],
    [{ TRIGGER_SECRET_KEY: "tr_dev_123", FIXLINE_JOBS: "on" }, false],
  ])("%j → %s", (env, expected) => {
    expect(shouldRunLocally(env)).toBe(expected);
  });
});

describe("a tick", () => {
  const at = new Date("2025-03-01T10:00:00.000Z");

  it("retries a job that throws with doubling delays, then succeeds", async () => {
    let calls = 0;
    const delays: number[] = [];
    const job = fakeJob({
      findConnections: async () => {
        calls++;
        if (calls <= 2) throw new Error(`flaky ${calls}`);
        return [4];
      },
    });
    const { logs, contexts, options } = recorder({ retryDelayMs: 100, sleep: async (ms) => void delays.push(ms) });

    const result = await createTick(job, options)(at);

    expect(result).toEqual({ status: "succeeded", attempts: 3, summaries: [summary(4)] });
    expect(delays).toEqual([100, 200]);
    expect(contexts.map((ctx) => ctx.now)).toEqual([at, at, at]);
    expect(logs.filter((line) => line.includes("retrying"))).toHaveLength(2);
    expect(logs.at(-1)).toContain("1 connection(s): attempted 1, succeeded 1");
  });

  it("gives up after the retries, logs, and does not throw", async () => {
    const delays: number[] = [];
    const job = fakeJob({ findConnections: () => Promise.reject(new Error("database is locked")) });
    const { logs, options } = recorder({ sleep: async (ms) => void delays.push(ms) });

    const result = await createTick(job, { ...options, retries: 3, retryDelayMs: 1_000 })(at);

    expect(result).toMatchObject({ status: "failed", attempts: 4 });
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    expect(logs.at(-1)).toMatch(/fake-job .* failed after 4 attempt\(s\): database is locked/);
  });

  it("waits as long as the error asks (a 429's Retry-After) when that is longer than the backoff", async () => {
    const delays: number[] = [];
    let calls = 0;
    const limited = Object.assign(new Error("Resend refused the email (HTTP 429)"), { retryAfterMs: 5_000 });
    const job = fakeJob({ findConnections: () => (++calls <= 2 ? Promise.reject(limited) : Promise.resolve([])) });
    const { options } = recorder({ sleep: async (ms) => void delays.push(ms) });
    const result = await createTick(job, { ...options, retries: 3, retryDelayMs: 1_000 })(at);
    expect(result).toMatchObject({ status: "succeeded", attempts: 3 });
    expect(delays).toEqual([5_000, 5_000]);
  });

  it("is not re-entered while the previous run is still going", async () => {
    let release: (() => void) | undefined;
    const job = fakeJob({
      // The first run waits for the test to release it; later runs return at once.
      findConnections: () => (release ? Promise.resolve([1]) : new Promise<number[]>((resolve) => (release = () => resolve([1])))),
    });
    const { logs, options } = recorder();
    const tick = createTick(job, options);

    const first = tick(at);
    await until(() => release !== undefined);
    expect(await tick(new Date(at.getTime() + 1_000))).toEqual({ status: "skipped" });
    release?.();
    expect(await first).toMatchObject({ status: "succeeded" });
    expect(await tick(new Date(at.getTime() + 2_000))).toMatchObject({ status: "succeeded" });
    expect(logs.filter((line) => line.includes("still going"))).toHaveLength(1);
  });
});

describe("startLocalRunner", () => {
  it("runs a job on its cron at whole scheduled seconds, retrying with backoff", async () => {
    let calls = 0;
    let succeeded = false;
    const job = fakeJob({
      findConnections: async () => {
        calls++;
        if (calls <= 2) throw new Error("flaky");
        succeeded = true;
        return [];
      },
    });
    const { logs, contexts, options } = recorder();

    startLocalRunner([job], options);
    await until(() => succeeded);

    expect(calls).toBe(3);
    expect(logs.filter((line) => line.includes("retrying in"))).toEqual([
      expect.stringContaining("5 ms"),
      expect.stringContaining("10 ms"),
    ]);
    for (const ctx of contexts) expect(ctx.now.getUTCMilliseconds()).toBe(0);
    // Every attempt of one tick runs for the same scheduled time.
    expect(new Set(contexts.map((ctx) => ctx.now.getTime())).size).toBe(1);
  });

  it("never overlaps a slow job with itself: ticks that come due meanwhile are skipped", async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const job = fakeJob({
      findConnections: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await wait(2_200);
        active--;
        runs++;
        return [];
      },
    });
    const { logs, options } = recorder();

    startLocalRunner([job], options);
    await until(() => runs >= 1, 4_000);
    currentLocalRunner()?.stop();

    expect(maxActive).toBe(1);
    expect(logs.some((line) => line.includes("tick skipped, the previous run is still going"))).toBe(true);
  });

  it("starts once per process, and can start again after stop", () => {
    const { options } = recorder();
    const first = startLocalRunner([fakeJob({ cron: "0 0 1 1 *" })], options);
    expect(startLocalRunner([fakeJob({ id: "other", cron: "0 0 1 1 *" })], options)).toBe(first);
    expect(currentLocalRunner()?.jobs).toEqual(["fake-job"]);
    first.stop();
    expect(currentLocalRunner()).toBeUndefined();
    const second = startLocalRunner([fakeJob({ id: "other", cron: "0 0 1 1 *" })], options);
    expect(second).not.toBe(first);
    expect(second.jobs).toEqual(["other"]);
  });
});
