import http from "node:http";
import type { AddressInfo } from "node:net";

export type StandInOptions = {
  /** Added before every answer, like a real WMS's processing time. */
  delayMs?: number;
  /** Share of requests answered 503 (0–1), by a seeded sequence so runs compare. */
  failRate?: number;
};

export type KeyCount = { sent: number; accepted: number; replayed: number; maxInFlight: number };

export type StandInWms = {
  url: string;
  /** Per Idempotency-Key: requests, 2xx answers and the most requests that were in flight at once. */
  keys: Map<string, KeyCount>;
  stats: () => {
    requests: number;
    accepted: number;
    failed: number;
    refusedWhileDown: number;
    replayed: number;
    keys: number;
    sentTwiceAtOnce: number;
    acceptedTwice: number;
  };
  setDown: (down: boolean) => void;
  setFailRate: (rate: number) => void;
  close: () => Promise<void>;
};

/**
 * A local stand-in for the WMS (and carts) under SPEC §7: POST `/{slug}/{wms|cart}/{resource}` with an
 * Idempotency-Key. It counts every key — how often it was sent, accepted, answered again from its
 * idempotency record, and how many sends of it overlapped — so a benchmark can prove each record went out
 * once and never twice at the same time.
 */
export async function startStandInWms(options: StandInOptions = {}): Promise<StandInWms> {
  const delayMs = options.delayMs ?? 5;
  let failRate = options.failRate ?? 0;
  let down = false;
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keys = new Map<string, KeyCount>();
  const inFlight = new Map<string, number>();
  const totals = { requests: 0, accepted: 0, failed: 0, refusedWhileDown: 0, replayed: 0 };

  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      totals.requests++;
      const key = String(req.headers["idempotency-key"] ?? "");
      const count = keys.get(key) ?? { sent: 0, accepted: 0, replayed: 0, maxInFlight: 0 };
      keys.set(key, count);
      count.sent++;
      const now = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, now);
      count.maxInFlight = Math.max(count.maxInFlight, now);
      const answer = (status: number, body: unknown) => {
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left) inFlight.set(key, left);
        else inFlight.delete(key);
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      setTimeout(() => {
        if (down) {
          totals.refusedWhileDown++;
          return answer(503, { error: { code: "unavailable", message: "WMS is down for maintenance" } });
        }
        if (random() < failRate) {
          totals.failed++;
          return answer(503, { error: { code: "busy", message: "WMS busy, try again later" } });
        }
        // A key already accepted is a repeat (its sender lost the answer): answered from the idempotency
        // record, as a WMS does, and counted apart — it does not create the order again.
        if (count.accepted > 0) {
          totals.replayed++;
          count.replayed++;
          return answer(200, { id: `wms-replay-${key}`, status: "accepted", replayed: true });
        }
        totals.accepted++;
        count.accepted++;
        answer(200, { id: `wms-${totals.accepted}`, status: "accepted" });
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    stats: () => {
      let sentTwiceAtOnce = 0;
      let acceptedTwice = 0;
      for (const count of keys.values()) {
        if (count.maxInFlight > 1) sentTwiceAtOnce++;
        if (count.accepted > 1) acceptedTwice++;
      }
      return { ...totals, keys: keys.size, sentTwiceAtOnce, acceptedTwice };
    },
    setDown: (value) => (down = value),
    setFailRate: (rate) => (failRate = rate),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
