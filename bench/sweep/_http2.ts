import http from "node:http";
import { startStandIn } from "./stand-in";
const s = await startStandIn({ latencyMs: 5 });
const N = 2000;
async function bench(name: string, one: (k: number) => Promise<void>) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (i < N) await one(i++);
    }),
  );
  const c = process.cpuUsage(c0);
  console.log(
    name,
    "wall",
    (performance.now() - t0).toFixed(0),
    "user ms/req",
    (c.user / 1000 / N).toFixed(3),
    "sys ms/req",
    (c.system / 1000 / N).toFixed(3),
  );
}
const body = (k: number) => JSON.stringify({ orderNumber: `#${k}`, lines: [{ sku: "a", quantity: 1 }] });
await bench("fetch", async (k) => {
  const r = await fetch(`${s.url}/m1/wms/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer x", "idempotency-key": `a${k}` },
    body: body(k),
  });
  await r.text();
});
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
await bench(
  "http.request keepalive",
  (k) =>
    new Promise((res, rej) => {
      const req = http.request(
        `${s.url}/m1/wms/orders`,
        { method: "POST", agent, headers: { "content-type": "application/json", authorization: "Bearer x", "idempotency-key": `b${k}` } },
        (r) => {
          r.resume();
          r.on("end", res);
        },
      );
      req.on("error", rej);
      req.end(body(k));
    }),
);
await bench("fetch again", async (k) => {
  const r = await fetch(`${s.url}/m1/wms/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer x", "idempotency-key": `c${k}` },
    body: body(k),
  });
  await r.text();
});
await s.close();
