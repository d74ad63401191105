import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, deliveries, type Connection, type Delivery } from "@/db/schema";
import { retrySettings, type EngineContext } from "../core/context";
import { NOT_SENT, RESULT, windowClosed, type AttemptResult } from "./attempt-delivery";
import { claimDueDeliveries, releaseClaims, type ClaimFilter } from "./claim";
import { loadTargets } from "./load-target";
import { makeAttempt, planAttempt } from "./make-attempt";
import { outcomeRecorder, type OutcomeRecorder } from "./outcome-recorder";
import { SCHEDULE_SLACK_MS, type RetrySettings } from "./policy";
import { openingWindow, sendInWindow, type SendWindow } from "./send-window";

/** `retry`: the hourly retry of failed orders (docs/rules.md#r1). `sync`: a connection's sync — its first sends and its retries (docs/rules.md#r2). */
export type ProcessMode = "retry" | "sync";

/** One connection's run: which connection, for which job, and the run's own hooks. */
export type ProcessInput = {
  connectionId: number;
  mode: ProcessMode;
  /** Real time for leases; defaults to the later of `now` and the clock. */
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Shared by the connections a job run works on at once, so their outcomes share commits; one of its own otherwise. */
  recorder?: OutcomeRecorder;
};

export type ProcessSummary = {
  connectionId: number;
  attempted: number;
  succeeded: number;
  failed: number;
  held: number;
  skipped: number;
  probed: boolean;
};

/** A probe may send any record still to send, due or not: it is the question "are you back?" (docs/rules.md#r10). */
const ANY_TIME = new Date(8.64e15);

function filterFor(connection: Connection, mode: ProcessMode): ClaimFilter {
  if (mode === "retry") return { connectionId: connection.id, kinds: ["order_to_wms"], statuses: ["retrying", "pending"] };
  if (connection.kind === "cart")
    return { connectionId: connection.id, kinds: ["tracking_to_cart", "inventory_to_cart"], statuses: ["pending", "retrying"] };
  return { connectionId: connection.id, kinds: ["order_to_wms"], statuses: ["pending"] };
}

/** Everything a connection is owed, whatever the job: what a probe takes from and what a recovered connection drains. */
function backlogFilter(connection: Connection): ClaimFilter {
  const kinds = connection.kind === "cart" ? (["tracking_to_cart", "inventory_to_cart"] as const) : (["order_to_wms"] as const);
  return { connectionId: connection.id, kinds: [...kinds], statuses: ["pending", "retrying"] };
}

/**
 * Takes this probe interval's one probe of a down connection, atomically: two jobs (or two processes) that find
 * it down at once send one probe between them, and none until the interval has passed.
 */
async function takeProbeTurn(db: Db, connectionId: number, now: Date, settings: RetrySettings): Promise<boolean> {
  const since = new Date(now.getTime() - settings.probeIntervalMs + SCHEDULE_SLACK_MS);
  const taken = await db
    .update(connections)
    .set({ lastProbeAt: now })
    .where(and(eq(connections.id, connectionId), or(isNull(connections.lastProbeAt), lte(connections.lastProbeAt, since))))
    .returning({ id: connections.id });
  return taken.length > 0;
}

/** A probe was answered: everything the outage held back is due now, not at its next hourly or sync turn (docs/rules.md#r10). */
async function makeBacklogDue(db: Db, filter: ClaimFilter, now: Date) {
  await db
    .update(deliveries)
    .set({ nextAttemptAt: now })
    .where(
      and(
        eq(deliveries.connectionId, filter.connectionId),
        inArray(deliveries.kind, filter.kinds),
        inArray(deliveries.status, filter.statuses),
        gt(deliveries.nextAttemptAt, now),
      ),
    );
}

/**
 * Works through one connection's due records, oldest first, a claimed batch at a time, with up to
 * `sendConcurrency` attempts in flight (see send-window.ts) and their outcomes written in group commits.
 * A paused connection is left alone. A connection that is down gets one probe per probe interval, whichever
 * job comes by; if the probe is answered, its whole backlog — every kind, due or not — is drained one record
 * at a time at a bounded rate (docs/delivery-states.md).
 */
export async function processConnection(ctx: EngineContext, input: ProcessInput): Promise<ProcessSummary> {
  const { db } = ctx;
  const { connectionId, mode } = input;
  const deps = { ...ctx, ...input };
  const settings = retrySettings(ctx);
  const summary: ProcessSummary = { connectionId, attempted: 0, succeeded: 0, failed: 0, held: 0, skipped: 0, probed: false };
  const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
  if (!connection || connection.pausedAt) return summary;
  if (mode === "sync") await db.update(connections).set({ lastSyncAt: deps.now }).where(eq(connections.id, connectionId));
  let filter = filterFor(connection, mode);
  const leaseNow = () => deps.clock?.() ?? new Date(Math.max(deps.now.getTime(), Date.now()));
  const recorder = deps.recorder ?? outcomeRecorder(ctx);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  // Writes of successes not yet committed: a batch waits for them before it ends.
  let writes: Promise<boolean>[] = [];
  // Claimed records the send gate held back (the connection went down): given back with the unstarted ones.
  let notSent: Delivery[] = [];
  let probing = false;
  const attempt = async (claimed: Delivery, plan: ReturnType<typeof planAttempt> | undefined): Promise<AttemptResult> => {
    if (!plan) {
      await recorder.record({ skip: claimed });
      return { deliveryId: claimed.id, result: "skipped", outcome: null, connectionDown: false };
    }
    const made = await makeAttempt(plan, deps.send, settings, probing);
    if (!made) {
      notSent.push(claimed);
      return NOT_SENT(claimed.id);
    }
    const written = recorder.record({ attempt: made });
    if (made.outcome.kind === "success") {
      // A success cannot take the connection down, so its slot is free as soon as the answer is in; its write
      // joins the next commit. Other outcomes are written before the next send, for the outage rule.
      written.catch(() => {}); // awaited with the batch's writes
      writes.push(written);
      return { deliveryId: claimed.id, result: "succeeded", outcome: made.outcome, connectionDown: false };
    }
    const connectionDown = await written;
    return { deliveryId: claimed.id, result: RESULT[made.outcome.kind], outcome: made.outcome, connectionDown };
  };
  const writesDone = async () => {
    const settled = await Promise.allSettled(writes);
    writes = [];
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
  };
  const tally = (r: AttemptResult) => {
    summary.attempted += r.result === "skipped" ? 0 : 1;
    if (r.result === "succeeded") summary.succeeded++;
    else if (r.result === "retrying") summary.failed++;
    else if (r.result === "held") summary.held++;
    else summary.skipped++;
  };

  /** Claims up to `limit` records and attempts them. */
  const claimAndSend = async (limit: number, window: SendWindow, paced: boolean, dueBy = deps.now): Promise<"none" | "down" | "sent"> => {
    const claimedAt = leaseNow();
    const batch = await claimDueDeliveries(db, filter, {
      now: dueBy,
      leaseNow: claimedAt,
      leaseMs: settings.leaseMs,
      owner: deps.owner,
      limit,
    });
    if (batch.length === 0) return "none";
    const targets = await loadTargets(
      db,
      batch.filter((d) => !windowClosed(d, deps.now)),
    );
    let sent: Awaited<ReturnType<typeof sendInWindow<Delivery>>>;
    try {
      sent = await sendInWindow(batch, (d) => attempt(d, targets.has(d.id) ? planAttempt(targets.get(d.id)!) : undefined), {
        window,
        // After an outage the backlog goes out at a bounded rate, so the recovering system is not flooded.
        pause: paced ? () => sleep(1000 / settings.drainPerSecond) : undefined,
        // Records not started while half their lease is left are given back and claimed afresh (docs/rules.md#r7).
        stop: () => leaseNow().getTime() - claimedAt.getTime() > settings.leaseMs / 2,
      });
    } finally {
      await writesDone();
    }
    const { results, down, unstarted } = sent;
    results.filter((r) => !r.notSent).forEach(tally);
    await releaseClaims(
      db,
      [...unstarted, ...notSent].map((d) => d.id),
      deps.owner,
    );
    notSent = [];
    return down ? "down" : "sent";
  };

  let paced = false;
  if (connection.downSince) {
    if (!(await takeProbeTurn(db, connection.id, deps.now, settings))) return summary;
    filter = backlogFilter(connection);
    probing = true;
    const probe = await claimAndSend(1, openingWindow(1), false, ANY_TIME);
    probing = false;
    summary.probed = probe !== "none";
    if (probe !== "sent") return summary;
    await makeBacklogDue(db, filter, deps.now);
    paced = true;
  }
  const window = openingWindow(paced ? 1 : settings.sendConcurrency);
  while ((await claimAndSend(settings.batchSize, window, paced)) === "sent");
  return summary;
}
