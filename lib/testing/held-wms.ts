import type { Outcome } from "../connectors/outcome";
import type { OutboundRequest, Send } from "../connectors/send";

type Held = { request: OutboundRequest; answer: (outcome: Outcome) => void; answered: boolean };

/**
 * A stand-in WMS that holds every request open until the test releases it, and keeps the record the tests
 * assert on: each request, which were in flight at once, and which keys and versions it accepted.
 */
export function heldWms() {
  const held: Held[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const accepted: OutboundRequest[] = [];
  const send: Send = (request) =>
    new Promise<Outcome>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const entry: Held = {
        request,
        answered: false,
        answer: (outcome) => {
          if (entry.answered) throw new Error(`request ${request.idempotencyKey} was answered already`);
          entry.answered = true;
          inFlight--;
          if (outcome.kind === "success") accepted.push(request);
          resolve(outcome);
        },
      };
      held.push(entry);
      for (const w of waiters.filter((w) => held.length >= w.count)) w.resolve();
    });
  return {
    send,
    /** Every request received, in order. */
    get requests() {
      return held.map((h) => h.request);
    },
    accepted,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    /** Resolves once `count` requests have arrived in all. */
    arrived(count = 1): Promise<void> {
      if (held.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    /** Answers the request that arrived `index`-th (from 0). */
    release(index: number, outcome: Outcome) {
      const entry = held[index];
      if (!entry) throw new Error(`no request ${index} has arrived`);
      entry.answer(outcome);
    },
    /** Answers every request still open. */
    releaseAll(outcome: Outcome) {
      for (const h of held) if (!h.answered) h.answer(outcome);
    },
  };
}

/** The payload version an Idempotency-Key names (`fixline:<kind>:<id>:v<version>`). */
export const keyVersion = (request: OutboundRequest) => Number(/:v(\d+)$/.exec(request.idempotencyKey)?.[1]);
