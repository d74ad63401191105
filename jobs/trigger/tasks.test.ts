import { lifecycleHooks, resourceCatalog, type TaskManifest } from "@trigger.dev/core/v3";
import { runInMockTaskContext } from "@trigger.dev/core/v3/test";
import { StandardLifecycleHooksManager, StandardResourceCatalog } from "@trigger.dev/core/v3/workers";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { eq } from "drizzle-orm";
import { accounts, connections, orders, webhookReceipts } from "@/db/schema";
import { jobById, jobContext } from "@/jobs/registry";
import type { ConnectionJob, ConnectionRunSummary, JobContext } from "@/jobs/types";
import { EmailSendError } from "@/lib/notify/email-transport";
import { signed } from "@/lib/testing/sign-webhook";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { makeWorld } from "@/lib/testing/world";
import { createRateLimiter } from "@/lib/webhooks/rate-limiter";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";
import { fanOutConnections, type ProcessConnectionItem } from "./fan-out";

// The tasks reach the database through the registry: point it at the test database, and let a test
// swap in a fake definition.
const testDb = vi.hoisted(() => ({ current: undefined as Db | undefined }));
vi.mock("@/jobs/registry", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/jobs/registry")>();
  return {
    ...real,
    jobById: vi.fn(real.jobById),
    jobContext: vi.fn((overrides: Partial<JobContext> = {}) => {
      if (!testDb.current) throw new Error("no test database");
      return real.jobContext({ db: testDb.current, send: () => Promise.reject(new Error("no sending in tests")), ...overrides });
    }),
  };
});

const NOW = "2025-03-01T10:05:00.000Z";
const summary = (connectionId: number): ConnectionRunSummary => ({
  connectionId,
  attempted: 1,
  succeeded: 1,
  failed: 0,
  held: 0,
  skipped: 0,
  probed: false,
});

function fakeJob(id: string, overrides: Partial<ConnectionJob> = {}): ConnectionJob {
  return {
    id,
    cron: "* * * * *",
    description: "fake",
    findConnections: async () => [],
    processConnection: async (_ctx, c) => summary(c),
    ...overrides,
  };
}

let manifests: Map<string, TaskManifest>;

beforeAll(async () => {
  resourceCatalog.setGlobalResourceCatalog(new StandardResourceCatalog());
  lifecycleHooks.setGlobalLifecycleHooksManager(new StandardLifecycleHooksManager());
  // Tasks only register while a file context is set, as the indexer does for each task file.
  const files = {
    "process-connection": () => import("./process-connection"),
    "apply-webhook": () => import("./apply-webhook"),
    "retry-orders": () => import("./retry-orders"),
    "sync-connections": () => import("./sync-connections"),
    "send-alert-emails": () => import("./send-alert-emails"),
    "send-digests": () => import("./send-digests"),
    "watch-silence": () => import("./watch-silence"),
  };
  for (const [name, load] of Object.entries(files)) {
    resourceCatalog.setCurrentFileContext(`jobs/trigger/${name}.ts`, `jobs/trigger/${name}.ts`);
    await load();
  }
  resourceCatalog.clearCurrentFileContext();
  manifests = new Map(resourceCatalog.listTaskManifests().map((manifest) => [manifest.id, manifest]));
});

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
  testDb.current = database.db;
});
afterEach(async () => {
  testDb.current = undefined;
  vi.mocked(jobById).mockClear();
  await database.cleanup();
});

async function runTask(id: string, rawPayload: unknown) {
  const task = resourceCatalog.getTask(id);
  if (!task) throw new Error(`task ${id} is not registered`);
  const payload = task.fns.parsePayload ? await task.fns.parsePayload(rawPayload) : rawPayload;
  return runInMockTaskContext(({ ctx }) => task.fns.run(payload, { ctx, signal: new AbortController().signal }), {
    ctx: { run: { id: "run_test1" }, attempt: { number: 2 }, task: { id, filePath: `jobs/trigger/${id}.ts` } },
  });
}

describe("task manifests", () => {
  it("registers the schedulers and the worker, once each", () => {
    expect([...manifests.keys()].sort()).toEqual([
      "apply-webhook",
      "process-connection",
      "retry-orders",
      "send-alert-emails",
      "send-digests",
      "sync-connections",
      "watch-silence",
    ]);
    expect(resourceCatalog.listTaskIdCollisions()).toEqual([]);
  });

  it("schedules each job on its definition's UTC cron", () => {
    expect(manifests.get("watch-silence")).toMatchObject({ triggerSource: "schedule", schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    expect(manifests.get("retry-orders")).toMatchObject({ triggerSource: "schedule", schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    expect(manifests.get("sync-connections")).toMatchObject({
      triggerSource: "schedule",
      schedule: { cron: "* * * * *", timezone: "UTC" },
    });
    expect(manifests.get("process-connection")?.schedule).toBeUndefined();
    expect(manifests.get("send-alert-emails")).toMatchObject({
      triggerSource: "schedule",
      schedule: { cron: "* * * * *", timezone: "UTC" },
    });
    expect(manifests.get("send-digests")).toMatchObject({ triggerSource: "schedule", schedule: { cron: "0 * * * *", timezone: "UTC" } });
  });

  it("lets the email tasks share one Resend slot, so they never send at the same time", () => {
    for (const id of ["send-alert-emails", "send-digests"]) {
      expect(JSON.stringify(manifests.get(id)?.concurrency)).toContain("resend");
    }
  });

  it("retries an email task no sooner than Resend's Retry-After, read from the error the job threw", async () => {
    for (const id of ["send-alert-emails", "send-digests"]) {
      expect(manifests.get(id)?.retry).toMatchObject({ maxAttempts: 4 });
      const hook = lifecycleHooks.getTaskCatchErrorHook(id);
      expect(hook).toBeTypeOf("function");
      const params = (error: unknown) => ({
        ctx: {} as never,
        payload: {},
        task: id,
        error,
        retryDelayInMs: 1_100,
        signal: new AbortController().signal,
      });
      const limited = new EmailSendError("Resend refused the email (HTTP 429, rate_limit_exceeded)", true, 429, 5_000);
      const before = Date.now();
      const result = (await hook!(params(limited))) as { retryAt: Date };
      expect(result.retryAt.getTime()).toBeGreaterThanOrEqual(before + 5_000);
      expect(result.retryAt.getTime()).toBeLessThan(before + 6_000);
      // Without a wait asked for, the project's backoff decides.
      expect(await hook!(params(new EmailSendError("HTTP 503", true, 503)))).toBeUndefined();
    }
  });

  it("limits the worker to one run per connection key, on its own queue, with 3 attempts and exponential backoff", () => {
    expect(manifests.get("process-connection")).toMatchObject({
      queue: { name: "process-connection" },
      concurrency: { inline: { perKey: 1 } },
      retry: { maxAttempts: 3, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 30_000 },
    });
    expect(resourceCatalog.listQueueManifests()).toContainEqual(expect.objectContaining({ name: "process-connection" }));
  });
});

describe("process-connection", () => {
  it("processes the payload's connection at the payload's time, as a lease holder named after the run", async () => {
    const seen: Array<{ connectionId: number; now: Date; owner: string }> = [];
    const job = fakeJob("sync-connections", {
      processConnection: async (ctx, connectionId) => {
        seen.push({ connectionId, now: ctx.now, owner: ctx.owner });
        await ctx.db.insert(accounts).values({ kind: "warehouse", name: `processed ${connectionId}`, createdAt: ctx.now });
        return summary(connectionId);
      },
    });
    vi.mocked(jobById).mockReturnValueOnce(job);

    const output = await runTask("process-connection", { jobId: "sync-connections", connectionId: 7, now: NOW });

    expect(jobById).toHaveBeenCalledWith("sync-connections");
    expect(seen).toEqual([{ connectionId: 7, now: new Date(NOW), owner: "trigger:run_test1:2" }]);
    expect(output).toEqual(summary(7));
    const rows = await database.db.select().from(accounts);
    expect(rows).toEqual([expect.objectContaining({ name: "processed 7", createdAt: new Date(NOW) })]);
  });

  it("runs the real definition: a connection that does not exist is an empty summary", async () => {
    const output = await runTask("process-connection", { jobId: "retry-orders", connectionId: 424242, now: NOW });
    expect(output).toMatchObject({ connectionId: 424242, attempted: 0, succeeded: 0, failed: 0 });
  });

  it.each([
    { jobId: "send-newsletter", connectionId: 1, now: NOW },
    { jobId: "retry-orders", connectionId: 0, now: NOW },
    { jobId: "retry-orders", connectionId: 1.5, now: NOW },
    { jobId: "retry-orders", connectionId: 1, now: "yesterday" },
  ])("rejects the payload %j before running anything", async (payload) => {
    await expect(runTask("process-connection", payload)).rejects.toThrow();
    expect(jobById).not.toHaveBeenCalled();
  });
});

describe("schedulers", () => {
  it("prepare and find nothing due in an empty database, so trigger nothing", async () => {
    const output = await runTask("sync-connections", {
      scheduleId: "sched_1",
      type: "DECLARATIVE",
      timestamp: new Date(NOW),
      timezone: "UTC",
      upcoming: [],
    });
    expect(output).toEqual({ jobId: "sync-connections", scheduledAt: NOW, connections: 0, batches: 0 });
  });
});

describe("email tasks", () => {
  it("run their job in the scheduler's run, at the scheduled time, against the database", async () => {
    vi.stubEnv("AUTH_SECRET", "test-secret");
    vi.stubEnv("RESEND_API_KEY", "");
    try {
      const schedule = { scheduleId: "sched_1", type: "DECLARATIVE", timestamp: new Date(NOW), timezone: "UTC", upcoming: [] };
      await expect(runTask("send-alert-emails", schedule)).resolves.toBeUndefined();
      await expect(runTask("send-digests", schedule)).resolves.toBeUndefined();
      expect(jobContext).toHaveBeenCalledWith(expect.objectContaining({ now: new Date(NOW), owner: "trigger:run_test1:2" }));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("fanOutConnections", () => {
  const ctx = (now = NOW): JobContext => jobContext({ now: new Date(now), log: () => {} });

  it("prepares, then triggers one keyed run per connection in batches of at most 500", async () => {
    const order: string[] = [];
    const ids = Array.from({ length: 1_201 }, (_, i) => i + 1);
    const job = fakeJob("retry-orders", {
      prepare: async () => void order.push("prepare"),
      findConnections: async () => (order.push("find"), [...ids, 5, 5]),
    });
    const batches: ProcessConnectionItem[][] = [];

    const result = await fanOutConnections(job, ctx(), async (items) => void batches.push(items));

    expect(order).toEqual(["prepare", "find"]);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(result).toEqual({ jobId: "retry-orders", scheduledAt: NOW, connections: 1_201, batches: 3 });
    const items = batches.flat();
    expect(items.map((item) => item.payload.connectionId)).toEqual(ids);
    expect(items[6]).toMatchObject({
      payload: { jobId: "retry-orders", connectionId: 7, now: NOW },
      options: { concurrencyKey: "7" },
    });
    expect(new Set(items.map((item) => item.options?.idempotencyKey)).size).toBe(1_201);
  });

  it("keys each run by job, connection and scheduled time, so a retried scheduler does not trigger twice", async () => {
    const job = fakeJob("sync-connections", { findConnections: async () => [3] });
    const keyOf = async (now: string, j = job) => {
      let key: unknown;
      await fanOutConnections(j, ctx(now), async ([item]) => void (key = item?.options?.idempotencyKey), { ttl: "5m" });
      return key;
    };
    const first = await keyOf(NOW);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyOf(NOW)).toBe(first);
    expect(await keyOf("2025-03-01T10:06:00.000Z")).not.toBe(first);
    expect(await keyOf(NOW, fakeJob("retry-orders", { findConnections: async () => [3] }))).not.toBe(first);
  });

  it("passes the run ttl and triggers nothing when no connection is due", async () => {
    const trigger = vi.fn(async () => {});
    await fanOutConnections(fakeJob("sync-connections"), ctx(), trigger, { ttl: "5m" });
    expect(trigger).not.toHaveBeenCalled();
    const items: ProcessConnectionItem[] = [];
    await fanOutConnections(fakeJob("sync-connections", { findConnections: async () => [1] }), ctx(), async (b) => void items.push(...b), {
      ttl: "5m",
    });
    expect(items[0]?.options).toMatchObject({ ttl: "5m", tags: ["job:sync-connections", "connection:1"] });
  });

  it("refuses a job the worker's payload does not know", async () => {
    const trigger = vi.fn(async () => {});
    await expect(fanOutConnections(fakeJob("nightly-report", { findConnections: async () => [1] }), ctx(), trigger)).rejects.toThrow(
      /JOB_IDS/,
    );
    expect(trigger).not.toHaveBeenCalled();
  });
});

describe("apply-webhook", () => {
  it("W1: applies a stored event once, whether its run is retried or the minute job got there first", async () => {
    expect(manifests.get("apply-webhook")).toMatchObject({ queue: { name: "apply-webhook" }, retry: { maxAttempts: 3 } });
    const world = await makeWorld(database.db, new Date(NOW));
    // The signature library checks the timestamp against the clock: signed and received now.
    const at = new Date();
    const secret = "whsec_" + Buffer.from("apply-webhook test secret").toString("base64");
    await database.db.update(connections).set({ webhookSecret: secret }).where(eq(connections.id, world.cart.id));
    const body = JSON.stringify({
      type: "order.upserted",
      data: {
        orderNumber: "#TR1",
        shipTo: { name: "Ada", line1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
        shipMethodLabel: "Standard",
        lines: [{ sku: "SKU-1", quantity: 1 }],
      },
    });
    const stored = await receiveWebhook(
      database.db,
      { connectionId: String(world.cart.id), headers: signed(secret, body, at), body },
      { now: at, limiter: createRateLimiter() },
    );
    if (!stored.ok) throw new Error(stored.rejection.message);
    // The first attempt applies the event, then fails sending (this file's sender refuses): Trigger.dev retries it.
    await expect(runTask("apply-webhook", { receiptId: stored.receipt.id })).rejects.toThrow("no sending in tests");
    expect(await runTask("apply-webhook", { receiptId: stored.receipt.id })).toEqual({ status: "skipped" });
    const [receipt] = await database.db.select().from(webhookReceipts).where(eq(webhookReceipts.id, stored.receipt.id));
    expect(receipt?.status).toBe("processed");
    expect(await database.db.select().from(orders).where(eq(orders.orderNumber, "#TR1"))).toHaveLength(1);
  });
});
