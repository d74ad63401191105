import type { Connection, Delivery } from "@/db/schema";
import { retrySettings, type EngineContext } from "../core/context";
import { NOT_SENT, RESULT, windowClosed, type AttemptResult } from "./attempt-delivery";
import { claimDueDeliveries, releaseClaims, type ClaimFilter } from "./claim";
import { loadTargets } from "./load-target";
import { makeAttempt, planAttempt, type PlannedAttempt } from "./make-attempt";
import { outcomeRecorder, type OutcomeRecorder } from "./outcome-recorder";
import type { RetrySettings } from "./policy";
import { openingWindow, sendInWindow, type SendWindow } from "./send-window";

export type ProcessSummary = {
  connectionId: number;
  attempted: number;
  succeeded: number;
  failed: number;
  held: number;
  skipped: number;
  probed: boolean;
};

export const emptySummary = (connectionId: number): ProcessSummary => ({
  connectionId,
  attempted: 0,
  succeeded: 0,
  failed: 0,
  held: 0,
  skipped: 0,
  probed: false,
});

/** A run's own hooks: a test's clock and sleep, a job run's shared group commit. */
export type RunOptions = {
  /** Real time for leases; defaults to the later of `now` and the clock. */
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Shared by the connections a job run works on at once, so their outcomes share commits; one of its own otherwise. */
  recorder?: OutcomeRecorder;
};

/** What one claimed batch came to: nothing was due, the connection went down, or it was sent. */
export type BatchResult = "none" | "down" | "sent";

/** A probe may send any record still to send, due or not: it is the question "are you back?" (docs/rules.md#r10). */
const ANY_TIME = new Date(8.64e15);

/**
 * One connection's share of a job run: claims batches of its records, sends them through a send window and
 * records their outcomes. Its state is the run's own and lives no longer: what it claims (`filter`), whether its
 * one request is the down connection's probe, the success writes a batch waits for, and the records the send
 * gate held back, which are given back with the batch's unstarted ones.
 */
export class ConnectionRun {
  readonly summary: ProcessSummary;
  private readonly settings: RetrySettings;
  private readonly recorder: OutcomeRecorder;
  private probing = false;
  private writes: Promise<boolean>[] = [];
  private notSent: Delivery[] = [];

  constructor(
    private readonly ctx: EngineContext,
    connection: Connection,
    /** The job's due records; a probe that is answered widens it to the connection's whole backlog. */
    private filter: ClaimFilter,
    private readonly options: RunOptions = {},
  ) {
    this.summary = emptySummary(connection.id);
    this.settings = retrySettings(ctx);
    this.recorder = options.recorder ?? outcomeRecorder(ctx);
  }

  /** Sends one record of `backlog`, due or not, as the probe; true if it was answered (sent and not down). */
  async probe(backlog: ClaimFilter): Promise<boolean> {
    this.filter = backlog;
    this.probing = true;
    const probe = await this.claimAndSend(1, openingWindow(1), false, ANY_TIME).finally(() => (this.probing = false));
    this.summary.probed = probe !== "none";
    return probe === "sent";
  }

  /** Claims and sends batches until nothing is due or the connection goes down; after an outage, one at a time at a bounded rate. */
  async drain(paced: boolean): Promise<ProcessSummary> {
    const window = openingWindow(paced ? 1 : this.settings.sendConcurrency);
    while ((await this.claimAndSend(this.settings.batchSize, window, paced)) === "sent");
    return this.summary;
  }

  /** Claims up to `limit` records and attempts them. */
  private async claimAndSend(limit: number, window: SendWindow, paced: boolean, dueBy = this.ctx.now): Promise<BatchResult> {
    const { db, now, owner } = this.ctx;
    const claimedAt = this.leaseNow();
    const batch = await claimDueDeliveries(db, this.filter, {
      now: dueBy,
      leaseNow: claimedAt,
      leaseMs: this.settings.leaseMs,
      owner,
      limit,
    });
    if (batch.length === 0) return "none";
    const targets = await loadTargets(
      db,
      batch.filter((d) => !windowClosed(d, now)),
    );
    let sent: Awaited<ReturnType<typeof sendInWindow<Delivery>>>;
    try {
      sent = await sendInWindow(batch, (d) => this.attempt(d, targets.has(d.id) ? planAttempt(targets.get(d.id)!) : undefined), {
        window,
        // After an outage the backlog goes out at a bounded rate, so the recovering system is not flooded.
        pause: paced ? () => this.sleep(1000 / this.settings.drainPerSecond) : undefined,
        // Records not started while half their lease is left are given back and claimed afresh (docs/rules.md#r7).
        stop: () => this.leaseNow().getTime() - claimedAt.getTime() > this.settings.leaseMs / 2,
      });
    } finally {
      await this.writesDone();
    }
    const { results, down, unstarted } = sent;
    results.filter((r) => !r.notSent).forEach((r) => this.tally(r));
    await releaseClaims(
      db,
      [...unstarted, ...this.notSent].map((d) => d.id),
      owner,
    );
    this.notSent = [];
    return down ? "down" : "sent";
  }

  /** One claimed record: skipped if its window closed (no plan), else sent through the gate and recorded. */
  private async attempt(claimed: Delivery, plan: PlannedAttempt | undefined): Promise<AttemptResult> {
    if (!plan) {
      await this.recorder.record({ skip: claimed });
      return { deliveryId: claimed.id, result: "skipped", outcome: null, connectionDown: false };
    }
    const made = await makeAttempt(plan, this.ctx.send, this.settings, this.probing);
    if (!made) {
      this.notSent.push(claimed);
      return NOT_SENT(claimed.id);
    }
    const written = this.recorder.record({ attempt: made });
    if (made.outcome.kind === "success") {
      // A success cannot take the connection down, so its slot is free as soon as the answer is in; its write
      // joins the next commit. Other outcomes are written before the next send, for the outage rule.
      written.catch(() => {}); // awaited with the batch's writes
      this.writes.push(written);
      return { deliveryId: claimed.id, result: "succeeded", outcome: made.outcome, connectionDown: false };
    }
    const connectionDown = await written;
    return { deliveryId: claimed.id, result: RESULT[made.outcome.kind], outcome: made.outcome, connectionDown };
  }

  private async writesDone() {
    const settled = await Promise.allSettled(this.writes);
    this.writes = [];
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
  }

  private tally(r: AttemptResult) {
    const { summary } = this;
    summary.attempted += r.result === "skipped" ? 0 : 1;
    if (r.result === "succeeded") summary.succeeded++;
    else if (r.result === "retrying") summary.failed++;
    else if (r.result === "held") summary.held++;
    else summary.skipped++;
  }

  private leaseNow(): Date {
    return this.options.clock?.() ?? new Date(Math.max(this.ctx.now.getTime(), Date.now()));
  }

  private sleep(ms: number): Promise<void> {
    return this.options.sleep?.(ms) ?? new Promise<void>((resolve) => setTimeout(resolve, ms));
  }
}
