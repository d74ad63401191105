import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in saw: requests per Idempotency-Key, and the most requests of one key at once. */
export type StandInTally = {
  requests: number;
  keys: Map<string, number>;
  maxInFlightPerKey: number;
  maxInFlight: number;
  malformed: number;
};

export type StandIn = { url: string; tally: StandInTally; reset: () => void; close: () => Promise<void> };

/**
 * A local stand-in for a WMS (SPEC §7): `POST /{merchant}/wms/orders` with a bearer credential and an
 * Idempotency-Key, answered 200 `{ ok, orderNumber, wmsOrderId, status: "received" }` after `latencyMs`,
 * like the sandbox's success. Anything else is a 400 and counted as malformed.
 */
export async function startStandIn(opts: { latencyMs: number }): Promise<StandIn> {
  const tally: StandInTally = { requests: 0, keys: new Map(), maxInFlightPerKey: 0, maxInFlight: 0, malformed: 0 };
  const inFlightPerKey = new Map<string, number>();
  let inFlight = 0;
  let wmsOrderId = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      tally.requests++;
      inFlight++;
      tally.maxInFlight = Math.max(tally.maxInFlight, inFlight);
      const key = req.headers["idempotency-key"];
      let orderNumber: unknown;
      try {
        orderNumber = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { orderNumber?: unknown }).orderNumber;
      } catch {
        orderNumber = undefined;
      }
      const ok =
        req.method === "POST" &&
        /^\/m\d+\/wms\/orders$/.test(req.url ?? "") &&
        typeof key === "string" &&
        /^Bearer \S+/.test(req.headers.authorization ?? "") &&
        typeof orderNumber === "string";
      if (typeof key === "string") {
        tally.keys.set(key, (tally.keys.get(key) ?? 0) + 1);
        const now = (inFlightPerKey.get(key) ?? 0) + 1;
        inFlightPerKey.set(key, now);
        tally.maxInFlightPerKey = Math.max(tally.maxInFlightPerKey, now);
      }
      setTimeout(() => {
        inFlight--;
        if (typeof key === "string") inFlightPerKey.set(key, inFlightPerKey.get(key)! - 1);
        const body = ok
          ? { ok: true, orderNumber, wmsOrderId: `WMS-${++wmsOrderId}`, status: "received" }
          : { error: { code: "invalid_request", message: "Malformed bench request." } };
        if (!ok) tally.malformed++;
        res.writeHead(ok ? 200 : 400, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      }, opts.latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tally,
    reset() {
      Object.assign(tally, { requests: 0, keys: new Map(), maxInFlightPerKey: 0, maxInFlight: 0, malformed: 0 });
      inFlightPerKey.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
