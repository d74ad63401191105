import { performance } from "node:perf_hooks";

export type BackgroundProcessorOptions = {
  /** Applies one stored event (processReceipt); a failure is reported and the rest go on. */
  process: (receiptId: number) => Promise<unknown>;
  /** Events applied at a time once work starts. */
  concurrency: number;
  /** Work starts once no webhook request has been in flight for this long… */
  quietMs: number;
  /** …or once it has waited this long behind requests, so a steady stream cannot starve it; then one event. */
  maxDeferMs: number;
  /**
   * …or at once, a batch, while the process has time to spare between the requests: the event loop was busy
   * less than this share of the last moments (0–1). A stream at half the ingest maximum leaves half the loop
   * idle, and events are applied within a few tens of milliseconds; a burst at the maximum leaves none, and the
   * requests go first (docs/decisions/0010-webhook-work-in-the-spare-time.md).
   */
  spareBelow: number;
  /** The share of recent time the event loop was busy (0–1); the process's own, measured, by default. */
  utilization?: () => number;
  onError: (receiptId: number, error: unknown) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export type BackgroundProcessor = {
  requestStarted: () => void;
  requestEnded: () => void;
  enqueue: (receiptId: number) => void;
  /** Events waiting or being applied. */
  readonly pending: number;
  /** Webhook requests being answered right now. */
  readonly requestsInFlight: number;
  /** Resolves once nothing is waiting (tests, shutdown). */
  idle: () => Promise<void>;
};

/**
 * Applies webhook events after their 202, in this process, with the requests first: a connector is waiting
 * on a request, nobody waits on the background work. Work runs in the gaps between requests — a few events
 * at a time — and one event every `maxDeferMs` at least under a stream without gaps. Events still waiting
 * when the process stops are stored `accepted`, and the sync job applies them (processPendingReceipts).
 */
export function createBackgroundProcessor(options: BackgroundProcessorOptions): BackgroundProcessor {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const utilization = options.utilization ?? eventLoopBusyShare(now);
  const queue: number[] = [];
  let requestsInFlight = 0;
  let lastRequestAt = -Infinity;
  let working = 0;
  let draining: Promise<void> | null = null;

  const busyWithRequests = () => requestsInFlight > 0 || now() - lastRequestAt < options.quietMs;
  // Requests are in flight but the loop is not full: the spare time is the background's.
  const saturated = () => busyWithRequests() && utilization() >= options.spareBelow;

  async function drain() {
    while (queue.length) {
      const waitingSince = now();
      while (saturated() && now() - waitingSince < options.maxDeferMs) await sleep(options.quietMs);
      const batch = queue.splice(0, saturated() ? 1 : options.concurrency);
      working = batch.length;
      await Promise.all(batch.map((id) => options.process(id).catch((error: unknown) => options.onError(id, error))));
      working = 0;
    }
  }

  return {
    requestStarted() {
      requestsInFlight++;
      lastRequestAt = now();
    },
    requestEnded() {
      requestsInFlight = Math.max(0, requestsInFlight - 1);
      lastRequestAt = now();
    },
    enqueue(receiptId) {
      queue.push(receiptId);
      draining ??= drain().finally(() => (draining = null));
    },
    get pending() {
      return queue.length + working;
    },
    get requestsInFlight() {
      return requestsInFlight;
    },
    idle: async () => {
      while (draining) await draining;
    },
  };
}

/**
 * The share of the last ~100 ms the event loop spent running code rather than waiting (Node's event-loop
 * utilization), read at most every 25 ms: cheap enough to ask before every batch.
 */
function eventLoopBusyShare(now: () => number): () => number {
  const WINDOW_MS = 100;
  const STEP_MS = 25;
  const marks: { at: number; elu: ReturnType<typeof performance.eventLoopUtilization> }[] = [
    { at: now(), elu: performance.eventLoopUtilization() },
  ];
  let share = 0;
  return () => {
    const at = now();
    if (at - marks[marks.length - 1]!.at < STEP_MS) return share;
    const elu = performance.eventLoopUtilization();
    while (marks.length > 1 && at - marks[1]!.at >= WINDOW_MS) marks.shift();
    share = performance.eventLoopUtilization(elu, marks[0]!.elu).utilization;
    marks.push({ at, elu });
    return share;
  };
}
