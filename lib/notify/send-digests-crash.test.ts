// A digest run of 250 contacts killed with SIGKILL at every point of a batch, then run again: every digest
// reaches Resend once. The run is a real process (lib/testing/digest-run-child.ts) sending with the real
// Resend SDK to a stand-in that keeps Resend's idempotency contract and can hold a request.
import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { alertContacts, emailOutbox } from "@/db/schema";
import { emailDeps } from "@/jobs/email-deps";
import { digestWorld } from "@/lib/testing/digest-world";
import { startFakeResend, type FakeResend } from "@/lib/testing/fake-resend";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { sendDigests } from "./send-digests";

const NOW = new Date("2026-11-26T08:00:00Z");
const CONTACTS = 250;

let database: TestDatabase;
let resend: FakeResend;
let env: Record<string, string>;
beforeEach(async () => {
  database = await createTestDatabase();
  resend = await startFakeResend();
  env = { ...resend.env, APP_URL: "https://fixline.test", AUTH_SECRET: "test-secret" };
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  await digestWorld(database.db, CONTACTS, NOW);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await resend.close();
  await database.cleanup();
});

type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string };

/** Runs the digest job in a child process; `killWhen` resolving kills it with SIGKILL. */
function runInChild(crash: string, killWhen?: Promise<void>): Promise<Exit> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/digest-run-child.ts", database.url, NOW.toISOString(), crash], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  void killWhen?.then(() => child.kill("SIGKILL"));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout })));
}

/** Between the crash and the rerun a contact of the second batch switches its emails off: the old code regrouped then. */
async function somethingChanges() {
  await database.db.update(alertContacts).set({ frequency: "off" }).where(eq(alertContacts.email, "c150@m.example"));
}

function expectEachDigestOnce() {
  const counts = new Map<string, number>();
  for (const email of resend.accepted) counts.set(String(email.to), (counts.get(String(email.to)) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([to]) => to);
  expect(twice).toEqual([]);
  // c150 was switched off after the crash: it has its digest if its batch was planned before, else none.
  const missing = Array.from({ length: CONTACTS }, (_, i) => `c${i}@m.example`).filter((to) => !counts.has(to));
  expect(missing.filter((to) => to !== "c150@m.example")).toEqual([]);
}

async function rerun() {
  return sendDigests(database.db, emailDeps(NOW));
}

/** No email is left half-done in the outbox. */
async function expectNothingPending() {
  const pending = await database.db.select().from(emailOutbox).where(eq(emailOutbox.status, "failed"));
  expect(pending.map((r) => r.to)).toEqual([]);
}

describe("a digest run killed with SIGKILL, then run again", () => {
  // Each case starts three or four child processes (tsx) one after another; on a loaded machine that alone can
  // take longer than the default 20 s. The assertions are about what was sent, never about time.
  vi.setConfig({ testTimeout: 90_000 });
  it("killed after batch 2 is planned, before its request: the rerun sends that batch as planned, nothing twice", async () => {
    const crashed = await runInChild("before-batch:2");
    expect(crashed.signal).toBe("SIGKILL");
    expect(resend.accepted).toHaveLength(100);
    await somethingChanges();
    const summary = await rerun();
    // The planned batch goes whole (c150 was in it), then the 50 contacts never planned.
    expect(summary).toMatchObject({ replayed: 100, due: 50 });
    expectEachDigestOnce();
    expect(resend.accepted).toHaveLength(250);
    await expectNothingPending();
  });

  it("killed while Resend holds batch 2 unanswered and unaccepted", async () => {
    const crashed = await runInChild("none", resend.hold(2, "before-accept"));
    expect(crashed.signal).toBe("SIGKILL");
    expect(resend.accepted).toHaveLength(100);
    await somethingChanges();
    await rerun();
    expectEachDigestOnce();
    expect(resend.accepted).toHaveLength(250);
    await expectNothingPending();
  });

  it("killed after Resend accepted batch 2, before the answer arrived: the rerun's same request is dropped by Resend", async () => {
    const crashed = await runInChild("none", resend.hold(2, "after-accept"));
    expect(crashed.signal).toBe("SIGKILL");
    expect(resend.accepted).toHaveLength(200);
    await somethingChanges();
    await rerun();
    expectEachDigestOnce();
    expect(resend.accepted).toHaveLength(250);
    await expectNothingPending();
    // The replay was the same request under the same key.
    const keys = resend.requests.map((r) => r.idempotencyKey);
    expect(keys.filter((k) => k === keys[1])).toHaveLength(2);
  });

  it("killed after the answer to batch 2 arrived, before it was recorded", async () => {
    const crashed = await runInChild("after-answer:2");
    expect(crashed.signal).toBe("SIGKILL");
    expect(resend.accepted).toHaveLength(200);
    await somethingChanges();
    await rerun();
    expectEachDigestOnce();
    expect(resend.accepted).toHaveLength(250);
    await expectNothingPending();
  });

  it("killed mid-rendering, and the reruns killed again at other points, before the last one finishes", async () => {
    // Request 1: the first run's first batch; it dies rendering the second.
    expect((await runInChild("render:150")).signal).toBe("SIGKILL");
    await somethingChanges();
    // Request 2: the second run's first batch (c100–c200 but c150), answered; it dies before recording it.
    expect((await runInChild("after-answer:1")).signal).toBe("SIGKILL");
    // Requests 3 and 4: the third run replays request 2, then sends the last 49; Resend accepts them, no answer.
    expect((await runInChild("none", resend.hold(4, "after-accept"))).signal).toBe("SIGKILL");
    const last = await runInChild("none");
    expect(last.code).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ replayed: 49, due: 0 });
    const keys = resend.requests.map((r) => r.idempotencyKey);
    expect(keys).toEqual([keys[0], keys[1], keys[1], keys[3], keys[3]]);
    expectEachDigestOnce();
    const rows = await database.db.select().from(emailOutbox);
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
    expect(new Set(rows.map((r) => r.to)).size).toBe(rows.length);
  });
});
