import http from "node:http";
import type { AddressInfo } from "node:net";

export type StandInOptions = {
  /** Added before every answer, like a real WMS's processing time. */
  delayMs?: number;
  /** Share of requests answered 503 (0–1), by a seeded sequence so runs compare. */
  failRate?: number;
};

export type KeyCount = { sent: number; accepted: number; replayed: number; maxInFlight: number };

export type StandInStats = {
  requests: number;
  accepted: number;
  failed: number;
  refusedWhileDown: number;
  replayed: number;
  malformed: number;
  /** The most requests in flight at once, all keys together. */
  maxInFlight: number;
  keys: number;
  sentTwiceAtOnce: number;
  acceptedTwice: number;
  /** Records (a key without its `:v<version>`) with two requests in flight at once, whatever their versions. */
  recordsSentTwiceAtOnce: number;
  /** Records of which two different versions were accepted: two different orders at the WMS. */
  recordsWithTwoVersionsAccepted: number;
};

/** Per record: its requests in flight now and at most, the versions accepted, and when each request came. */
export type RecordCount = { inFlight: number; maxInFlight: number; acceptedVersions: Set<string>; requestTimes: number[] };

export type StandInWms = {
  url: string;
  /** Per Idempotency-Key: requests, 2xx answers, repeats answered from the idempotency record, most in flight at once. */
  keys: Map<string, KeyCount>;
  /** Per record (`fixline:<kind>:<id>`). */
  records: Map<string, RecordCount>;
  /** When (Date.now()) the first request naming each order number arrived. */
  firstSeen: Map<string, number>;
  stats: () => StandInStats;
  setDown: (down: boolean) => void;
  setFailRate: (rate: number) => void;
  /** Forgets every count (between runs of a benchmark). */
  reset: () => void;
  close: () => Promise<void>;
};

const CONNECTOR_PATH = /^\/[^/]+\/(wms|cart)\/[a-z]+$/;

/**
 * A local stand-in for the WMS (and carts) under docs/rules.md#o1: POST `/{merchant}/{wms|cart}/{resource}` with a
 * bearer credential, an Idempotency-Key and a JSON body, answered 200 like the sandbox's success after
 * `delayMs`; anything else is a 400, counted as malformed. It counts every key — how often it was sent,
 * accepted, answered again from its idempotency record, and how many sends of it overlapped — so a
 * benchmark can prove each record went out once and never twice at the same time.
 */
export async function startStandInWms(options: StandInOptions = {}): Promise<StandInWms> {
  const delayMs = options.delayMs ?? 5;
  let failRate = options.failRate ?? 0;
  let down = false;
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keys = new Map<string, KeyCount>();
  const records = new Map<string, RecordCount>();
  const firstSeen = new Map<string, number>();
  const recordOf = (key: string) => key.replace(/:v\d+$/, "");
  const inFlightPerKey = new Map<string, number>();
  const zero = () => ({ requests: 0, accepted: 0, failed: 0, refusedWhileDown: 0, replayed: 0, malformed: 0, maxInFlight: 0 });
  let totals = zero();
  let inFlight = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      totals.requests++;
      totals.maxInFlight = Math.max(totals.maxInFlight, ++inFlight);
      const key = req.headers["idempotency-key"];
      let body: { orderNumber?: unknown } | null = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { orderNumber?: unknown };
      } catch {
        body = null;
      }
      const wellFormed =
        req.method === "POST" &&
        CONNECTOR_PATH.test(req.url ?? "") &&
        typeof key === "string" &&
        /^Bearer \S+/.test(req.headers.authorization ?? "") &&
        body !== null;
      if (typeof body?.orderNumber === "string" && !firstSeen.has(body.orderNumber)) firstSeen.set(body.orderNumber, Date.now());
      const count = typeof key === "string" ? (keys.get(key) ?? { sent: 0, accepted: 0, replayed: 0, maxInFlight: 0 }) : null;
      if (count && typeof key === "string") {
        keys.set(key, count);
        count.sent++;
        const now = (inFlightPerKey.get(key) ?? 0) + 1;
        inFlightPerKey.set(key, now);
        count.maxInFlight = Math.max(count.maxInFlight, now);
        const record = records.get(recordOf(key)) ?? { inFlight: 0, maxInFlight: 0, acceptedVersions: new Set<string>(), requestTimes: [] };
        records.set(recordOf(key), record);
        record.inFlight++;
        record.maxInFlight = Math.max(record.maxInFlight, record.inFlight);
        record.requestTimes.push(Date.now());
      }
      const answer = (status: number, payload: unknown) => {
        inFlight--;
        if (typeof key === "string") {
          inFlightPerKey.set(key, (inFlightPerKey.get(key) ?? 1) - 1);
          const record = records.get(recordOf(key));
          if (record) {
            record.inFlight--;
            if (status === 200) record.acceptedVersions.add(key);
          }
        }
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      setTimeout(() => {
        if (!wellFormed || !count) {
          totals.malformed++;
          return answer(400, { error: { code: "invalid_request", message: "Malformed request." } });
        }
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
          return answer(200, { ok: true, orderNumber: body?.orderNumber, status: "received", replayed: true });
        }
        totals.accepted++;
        count.accepted++;
        answer(200, { ok: true, orderNumber: body?.orderNumber, wmsOrderId: `WMS-${totals.accepted}`, status: "received" });
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    records,
    firstSeen,
    stats: () => {
      let sentTwiceAtOnce = 0;
      let acceptedTwice = 0;
      for (const count of keys.values()) {
        if (count.maxInFlight > 1) sentTwiceAtOnce++;
        if (count.accepted > 1) acceptedTwice++;
      }
      let recordsSentTwiceAtOnce = 0;
      let recordsWithTwoVersionsAccepted = 0;
      for (const record of records.values()) {
        if (record.maxInFlight > 1) recordsSentTwiceAtOnce++;
        if (record.acceptedVersions.size > 1) recordsWithTwoVersionsAccepted++;
      }
      return { ...totals, keys: keys.size, sentTwiceAtOnce, acceptedTwice, recordsSentTwiceAtOnce, recordsWithTwoVersionsAccepted };
    },
    setDown: (value) => (down = value),
    setFailRate: (rate) => (failRate = rate),
    reset() {
      totals = zero();
      keys.clear();
      records.clear();
      firstSeen.clear();
      inFlightPerKey.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
