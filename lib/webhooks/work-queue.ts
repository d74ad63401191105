export type WorkQueue = { run: <T>(task: () => Promise<T>) => Promise<T>; readonly pending: number };

/**
 * Runs at most `concurrency` tasks at a time, the rest in arrival order. Background processing of webhook
 * events goes through one, so a burst of events does not become hundreds of chains competing with the
 * requests still arriving for the event loop and the database.
 */
export function createWorkQueue(concurrency: number): WorkQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    async run(task) {
      if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await task();
      } finally {
        next();
      }
    },
    get pending() {
      return running + waiting.length;
    },
  };
}
