import type { AttemptResult } from "./attempt-delivery";

/** How many attempts of one connection may be in flight at once; changes as answers come back. */
export type SendWindow = { size: number; max: number };

/** Starts at one: a connection is not sent a burst before it has answered. */
export function openingWindow(max: number): SendWindow {
  return { size: 1, max: Math.max(1, max) };
}

/**
 * Each answer opens the window by one, up to its maximum, so a healthy connection is soon sent `max` at
 * once. A transient failure closes it to one: from then on attempts go out one at a time, each recorded
 * before the next is sent, so the outage rule counts failures in a row as it would sequentially and stops
 * the batch at the threshold.
 */
export function adjustWindow(window: SendWindow, result: AttemptResult) {
  if (!result.outcome) return;
  window.size = result.outcome.kind === "transient" ? 1 : Math.min(window.max, window.size + 1);
}

export type SendOptions = {
  window: SendWindow;
  /** After each attempt (a paced drain after an outage). */
  pause?: () => Promise<void>;
  /** True when no more attempts may start (e.g. the batch's leases are getting old); the first always starts. */
  stop?: () => boolean;
};

/**
 * Attempts `items` in order, up to the window's size at once, and waits for all that started. Starts no
 * more once an attempt reports the connection down or `stop` says so. If an attempt throws, no more start
 * and the error is thrown once those in flight have finished. Returns the results and the items never started.
 */
export async function sendInWindow<T>(items: T[], attempt: (item: T) => Promise<AttemptResult>, options: SendOptions) {
  const { window } = options;
  const results: AttemptResult[] = [];
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  let down = false;
  let failed = false;
  let failure: unknown;
  const canStart = () => !down && !failed && next < items.length && inFlight.size < window.size && !(next > 0 && options.stop?.());
  for (;;) {
    while (canStart()) {
      const item = items[next++]!;
      const running: Promise<void> = attempt(item)
        .then(async (result) => {
          results.push(result);
          if (result.connectionDown) down = true;
          adjustWindow(window, result);
          if (!result.connectionDown) await options.pause?.();
        })
        .catch((error: unknown) => {
          if (!failed) failure = error;
          failed = true;
        })
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  if (failed) throw failure;
  return { results, down, unstarted: items.slice(next) };
}
