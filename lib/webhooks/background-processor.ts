export type BackgroundProcessorOptions = {
  /** Applies one stored event (processReceipt); a failure is reported and the rest go on. */
  process: (receiptId: number) => Promise<unknown>;
  /** Events applied at a time once work starts. */
  concurrency: number;
  /** Work starts once no webhook request has been in flight for this long… */
  quietMs: number;
  /** …or once it has waited this long behind requests, so a steady stream cannot starve it; then one event. */
  maxDeferMs: number;
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
  const queue: number[] = [];
  let requestsInFlight = 0;
  let lastRequestAt = -Infinity;
  let working = 0;
  let draining: Promise<void> | null = null;

  const busyWithRequests = () => requestsInFlight > 0 || now() - lastRequestAt < options.quietMs;

  async function drain() {
    while (queue.length) {
      const waitingSince = now();
      while (busyWithRequests() && now() - waitingSince < options.maxDeferMs) await sleep(options.quietMs);
      const batch = queue.splice(0, busyWithRequests() ? 1 : options.concurrency);
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
    idle: async () => {
      while (draining) await draining;
    },
  };
}
