import { setImmediate as yieldToIo } from "node:timers/promises";
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, webhookReceipts, webhookWorkers, type DeliveryKind } from "@/db/schema";
import type { Send } from "../connectors/send";
import type { CoreContext } from "../core/context";
import { ConnectionRun } from "../retry/connection-run";
import { DEFAULT_RETRY_SETTINGS } from "../retry/policy";
import { processReceipt, type ProcessOutcome } from "./process-receipt";
import type { FollowUp } from "./apply-context";
import { connectionsOf, resendChanged, type SendSummary } from "./send-at-once";

/** A worker beats this often… */
export const WORKER_BEAT_MS = 2_000;
/** …and counts as alive for this long after its last beat: a stopped or stuck worker hands the work back. */
export const WORKER_ALIVE_MS = 6_000;
/**
 * Webhook requests in flight in the app from which the worker lets them go first. A stream the app keeps up with
 * has one to three in flight at a time; a closed-loop burst or a CPU-starved app has dozens.
 */
export const DEFER_AT_APP_IN_FLIGHT = 8;
/**
 * A connection's run claims and sends 32 records a batch, not the sweep's 256: the receipts the app is waiting on
 * are stored between two batches, and a batch of 256 kept them waiting for seconds after a burst.
 */
const DRAIN_SETTINGS = { ...DEFAULT_RETRY_SETTINGS, batchSize: 32 };
/** The app's word that its requests queue counts for this long. */
const APP_WORD_FRESH_MS = 250;
const DEFER_STEP_MS = 15;

export type ReceiptWorkerOptions = {
  db: Db;
  send: Send;
  /** This process's name (host:pid): the heartbeat's key and the start of every lease owner. */
  id: string;
  /** Where the app stores receipts through this worker (lib/webhooks/worker-store.ts), written with each beat. */
  store: WorkerAddress;
  /** Events applied at a time. */
  concurrency: number;
  /** How long to wait before looking again when nothing is waiting. */
  pollMs: number;
  /**
   * Requests first, as in the app's own background work (docs/decisions/0010-webhook-work-in-the-spare-time.md):
   * while the app says it is answering at least this many webhook requests at once (they queue: it is short of
   * CPU), one event is applied every `maxDeferMs` and the machine's CPU goes to answering; below it, events are
   * applied `concurrency` at a time. Default DEFER_AT_APP_IN_FLIGHT.
   */
  deferAtAppInFlight?: number;
  maxDeferMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  onOutcome?: (receiptId: number, outcome: ProcessOutcome) => void;
  onError?: (receiptId: number, error: unknown) => void;
};

export type WorkerAddress = { address: string; token: string };

export type ReceiptWorker = {
  /** Events applied (processed or failed) since the start. */
  readonly applied: number;
  /** An event was just stored (by this process: its id; elsewhere: none): apply it now, not at the next poll. */
  wake: (receiptId?: number) => void;
  /** How many webhook requests the app said it was answering when it stored the latest event. */
  noteAppInFlight: (requests: number) => void;
  /** Resolves once nothing is being applied or sent (tests). */
  idle: () => Promise<void>;
  /** Stops looking for events, lets the ones being applied and sent finish, and removes the heartbeat. */
  stop: () => Promise<void>;
};

/**
 * Applies stored webhook events in a process of its own (`npm run worker`), so that the app's process only
 * answers requests and applying runs on another core (docs/decisions/0014-a-webhook-worker-process.md). It
 * looks for events `accepted` and not yet tried, oldest first, and applies each with processReceipt, which
 * claims the receipt in its transaction: an event the app or the minute job applies meanwhile is skipped,
 * never applied twice. An event that must wait (its order is being sent) or failed on Fixline's side carries
 * its reason and is left to the minute job, so it is not tried again and again here.
 *
 * What an event creates is not sent one record at a time, as the app does (sendAtOnce): its connection's run
 * (the sync's own machinery, docs/decisions/0003-group-commits.md) sends every record of the connection never
 * tried yet, in claimed batches with their outcomes in group commits — one run per connection at a time, run
 * again when events arrived meanwhile. A down or paused connection's records wait for its probe or its resume.
 */
export function startReceiptWorker(options: ReceiptWorkerOptions): ReceiptWorker {
  const { db, id, concurrency } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const onError = options.onError ?? ((receiptId, error) => console.error(`webhook receipt ${receiptId}: the worker failed`, error));
  const inFlight = new Map<number, Promise<void>>();
  let applied = 0;
  let stopped = false;
  let sequence = 0;
  const clock = () => performance.now();
  const maxDeferMs = options.maxDeferMs ?? 1_000;
  const deferAt = options.deferAtAppInFlight ?? DEFER_AT_APP_IN_FLIGHT;
  // When the app last said its requests queue: the count swings from one request to the next (requests waiting
  // on this process's stores are in flight too), so one such word holds for APP_WORD_FRESH_MS.
  let queuedAt = -Infinity;
  const appSaturated = () => clock() - queuedAt < APP_WORD_FRESH_MS;
  // Receipts this process stored, applied in that order without looking for them; the poll finds the others.
  const handed = new Set<number>();
  let woken: (() => void) | null = null;
  let wokenEarly = false;
  // Sleeps until the next poll, or until an event is stored (wake) or one being applied finishes.
  const nap = (ms: number) => {
    if (stopped || wokenEarly || handed.size) return Promise.resolve();
    return Promise.race([sleep(ms), new Promise<void>((resolve) => (woken = resolve)), ...inFlight.values()]).finally(() => (woken = null));
  };

  /** Requests first: waits while the app's requests queue, at most `maxDeferMs`. */
  async function yieldToRequests() {
    const waitingSince = clock();
    while (!stopped && appSaturated() && clock() - waitingSince < maxDeferMs) await sleep(DEFER_STEP_MS);
  }

  const drains = connectionDrains(
    async (connectionId) => {
      await yieldToRequests();
      const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
      // Down: left to its probe (docs/rules.md#r10); paused: left until it is resumed (docs/rules.md#r9).
      if (!connection || connection.downSince || connection.pausedAt) return;
      const kinds: DeliveryKind[] = connection.kind === "cart" ? ["tracking_to_cart", "inventory_to_cart"] : ["order_to_wms"];
      const ctx = { db, now: now(), send: options.send, owner: `worker:${id}:${++sequence}`, settings: DRAIN_SETTINGS };
      await new ConnectionRun(ctx, connection, { connectionId, kinds, statuses: ["pending"] }).drain(false);
    },
    (connectionId, error) =>
      console.error(`connection ${connectionId}: the webhook worker's send run failed; its sync sends what is left`, error),
  );

  async function handOver(ctx: CoreContext, followUp: FollowUp): Promise<SendSummary> {
    const summary = await resendChanged(ctx, followUp.resend);
    const targets = await connectionsOf(db, followUp.attempt);
    for (const connectionId of new Set(targets.map((t) => t.connectionId))) drains.kick(connectionId);
    return { ...summary, left: summary.left + followUp.attempt.length };
  }

  function apply(receiptId: number) {
    const owner = `worker:${id}:${++sequence}`;
    const run = processReceipt({ db, now: now(), send: options.send, owner }, receiptId, handOver)
      .then((outcome) => {
        if (outcome.status === "processed" || outcome.status === "failed") applied++;
        options.onOutcome?.(receiptId, outcome);
      })
      .catch((error: unknown) => onError(receiptId, error))
      .finally(() => inFlight.delete(receiptId));
    inFlight.set(receiptId, run);
  }

  function takeHanded(room: number): number[] {
    const taken: number[] = [];
    for (const receiptId of handed) {
      if (taken.length >= room) break;
      handed.delete(receiptId);
      if (!inFlight.has(receiptId)) taken.push(receiptId);
    }
    return taken;
  }

  async function loop() {
    let lastBeat = -Infinity;
    let lastPoll = -Infinity;
    while (!stopped) {
      // An embedded database answers within the same tick: without a turn of the event loop here, applying a
      // backlog is one unbroken run of microtasks, and the receipts the app is waiting on are not read for seconds.
      await yieldToIo();
      const at = now();
      if (at.getTime() - lastBeat >= WORKER_BEAT_MS) {
        // A database that does not answer for a while: no beat, so after WORKER_ALIVE_MS the app applies events
        // itself; this loop tries again a second later rather than ending.
        const beaten = await beat(db, id, options.store, at).then(
          () => true,
          (error: unknown) => {
            console.error("webhook worker: the heartbeat could not be written; trying again in 1 s", error);
            return false;
          },
        );
        if (!beaten) {
          await sleep(1_000);
          continue;
        }
        lastBeat = at.getTime();
      }
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight.values());
        continue;
      }
      await yieldToRequests();
      const room = appSaturated() ? 1 : concurrency - inFlight.size;
      let due = takeHanded(room);
      if (due.length === 0 && (wokenEarly || clock() - lastPoll >= options.pollMs)) {
        wokenEarly = false;
        lastPoll = clock();
        const waiting = await waitingReceipts(db, concurrency * 2).catch((error: unknown) => {
          console.error("webhook worker: looking for waiting events failed; looking again at the next poll", error);
          return [];
        });
        due = waiting.filter((receiptId) => !inFlight.has(receiptId) && !handed.has(receiptId));
      }
      if (due.length === 0) {
        await nap(Math.max(1, options.pollMs - (clock() - lastPoll)));
        continue;
      }
      for (const receiptId of due.slice(0, room)) apply(receiptId);
    }
  }

  const running = loop();
  return {
    get applied() {
      return applied;
    },
    wake(receiptId) {
      if (receiptId !== undefined) handed.add(receiptId);
      else wokenEarly = true;
      woken?.();
    },
    noteAppInFlight(requests) {
      if (requests >= deferAt) queuedAt = clock();
    },
    async idle() {
      while (inFlight.size || drains.busy) {
        await Promise.all(inFlight.values());
        await drains.idle();
      }
    },
    async stop() {
      stopped = true;
      this.wake();
      await running;
      await this.idle();
      await db.delete(webhookWorkers).where(eq(webhookWorkers.id, id));
    },
  };
}

/**
 * One run per connection at a time: a kick while its run goes on makes it run once more when done, so a record
 * created meanwhile is not left for the sync.
 */
function connectionDrains(run: (connectionId: number) => Promise<void>, onError: (connectionId: number, error: unknown) => void) {
  const runs = new Map<number, { again: boolean; done: Promise<void> }>();
  return {
    kick(connectionId: number) {
      const known = runs.get(connectionId);
      if (known) {
        known.again = true;
        return;
      }
      const entry = { again: true, done: Promise.resolve() };
      runs.set(connectionId, entry);
      entry.done = (async () => {
        while (entry.again) {
          entry.again = false;
          await run(connectionId).catch((error: unknown) => onError(connectionId, error));
        }
        runs.delete(connectionId);
      })();
    },
    get busy() {
      return runs.size > 0;
    },
    idle: async () => {
      await Promise.all([...runs.values()].map((r) => r.done));
    },
  };
}

/** Events stored and not yet tried, oldest first; an event that carries a reason (tried, must wait) is the minute job's. */
function waitingReceipts(db: Db, limit: number): Promise<number[]> {
  return (
    db
      .select({ id: webhookReceipts.id })
      .from(webhookReceipts)
      // Written out, not bound, so SQLite reads only the partial index of accepted receipts.
      .where(and(sql`${webhookReceipts.status} = 'accepted'`, sql`${webhookReceipts.error} is null`))
      .orderBy(asc(webhookReceipts.receivedAt))
      .limit(limit)
      .then((rows) => rows.map((row) => row.id))
  );
}

async function beat(db: Db, id: string, store: WorkerAddress, at: Date) {
  await db
    .insert(webhookWorkers)
    .values({ id, ...store, startedAt: at, beatAt: at })
    .onConflictDoUpdate({ target: webhookWorkers.id, set: { ...store, beatAt: at } });
}

/** The webhook worker that beat last, if one has within WORKER_ALIVE_MS of `now`. */
export async function liveWorker(db: Db, now: Date): Promise<WorkerAddress | null> {
  const [row] = await db
    .select({ address: webhookWorkers.address, token: webhookWorkers.token })
    .from(webhookWorkers)
    .where(gte(webhookWorkers.beatAt, new Date(now.getTime() - WORKER_ALIVE_MS)))
    .orderBy(desc(webhookWorkers.beatAt))
    .limit(1);
  return row ?? null;
}

/**
 * The app's view of the live worker, read from the database at most every `refreshMs` and never on a request's
 * path: a request takes the last answer (none yet: no worker, the app stores and applies its events itself).
 */
export function createWorkerPresence(read: () => Promise<WorkerAddress | null>, options: { refreshMs: number; now?: () => number }) {
  const now = options.now ?? (() => performance.now());
  let known: WorkerAddress | null = null;
  let readAt = -Infinity;
  let reading = false;
  return {
    current(): WorkerAddress | null {
      if (!reading && now() - readAt >= options.refreshMs) {
        reading = true;
        readAt = now();
        read()
          .then((worker) => (known = worker))
          // The database did not answer: the app works as without a worker.
          .catch(() => (known = null))
          .finally(() => (reading = false));
      }
      return known;
    },
  };
}
