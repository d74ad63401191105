import type { EngineContext } from "../core/context";
import { recordAttempts, type RecordItem } from "./record-attempts";

export type OutcomeRecorder = { record: (item: RecordItem) => Promise<boolean> };

/** Outcomes per transaction at most, so one commit stays short and its statements within SQLite's limits. */
const MAX_PER_COMMIT = 1_000;

type Waiting = { item: RecordItem; resolve: (down: boolean) => void; reject: (error: unknown) => void };

/**
 * Group commit for outcomes, of one connection or of all a job run works on at once. `record` resolves once the item is written, with whether
 * the connection is down after it. Items that arrive while a transaction is waiting for its turn or being
 * written go into the next one together, so a busy connection writes tens of outcomes per commit and a
 * quiet one still writes each at once. Items keep their order; a failed transaction fails its items.
 */
export function outcomeRecorder(ctx: Pick<EngineContext, "db" | "now" | "actor" | "settings">): OutcomeRecorder {
  const { db } = ctx;
  const queue: Waiting[] = [];
  let writing = false;

  async function writeAll() {
    writing = true;
    while (queue.length > 0) {
      // An embedded database answers within the same tick, so a transaction never yields to I/O: without this
      // pause the answers that arrived meanwhile would wait unread and every commit would carry one outcome.
      await new Promise<void>((resolve) => setImmediate(resolve));
      let taken: Waiting[] = [];
      try {
        const down = await db.transaction(async (tx) => {
          // Taken once the write turn is ours: everything that arrived while waiting for it goes in too.
          taken = queue.splice(0, MAX_PER_COMMIT);
          return recordAttempts(
            tx,
            taken.map((w) => w.item),
            ctx,
          );
        });
        taken.forEach((w, i) => w.resolve(down[i]!));
      } catch (error) {
        taken.forEach((w) => w.reject(error));
      }
    }
    writing = false;
  }

  return {
    record(item) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!writing) void writeAll();
      });
    },
  };
}
