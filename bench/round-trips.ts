// Round trips to a libSQL server (issue 17): on a server every statement is a network round trip, so what costs is
// the number of them one after another. Counted by the libSQL test server (lib/testing/hrana-server/), which delays
// every round trip by BENCH_LATENCY_MS (5): per page (signed-in GET of the demo data), per webhook answer, per
// action (a resend) and per record of the retry sweep. Then the Alerts tab's p95 and the webhook answer's p99 on the
// server with that latency, beside the same on the embedded file.
//   BENCH_LATENCY_MS, BENCH_REQUESTS (timed requests per page), BENCH_WEBHOOKS (timed webhook posts)
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { alerts, connections, orders } from "@/db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo-users";
import { processConnection } from "@/lib/retry/process-connection";
import { resendOrder } from "@/lib/retry/resend-order";
import { startHranaServer } from "@/lib/testing/hrana-server/server";
import { makeWorld, OK, scriptedSender } from "@/lib/testing/world";
import { signRequest } from "@/lib/webhooks/sign-request";
import { orderUpsertedBody } from "./lib/integrations";
import { writeResults, type Row } from "./lib/results";
import { ensureBuild, freshDatabaseFile, ROOT, signInCookie, startApp, type RunningApp } from "./lib/server";
import { percentile, round } from "./lib/stats";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 200);
const SWEEP_RECORDS = 100;
const TARGET_SEQUENTIAL = 3;

process.chdir(ROOT);
const dir = join(ROOT, "data", "bench", "hrana");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const server = await startHranaServer({ dir });
const nsUrl = (ns: string) => `${server.url}/ns/${ns}/`;
const counted = async <T>(ns: string, fn: () => Promise<T>) => {
  server.resetStats();
  const value = await fn();
  return { value, ...(server.stats()[ns] ?? { roundTrips: 0, sequential: 0, statements: 0 }) };
};

// 1. In-process: an action and the sweep, through the core, on a database of the server.
const core = openDatabase(nsUrl("core"));
await migrateDatabase(core);
const t0 = new Date("2026-11-30T10:00:00Z");
const world = await makeWorld(core.db, t0);
for (let i = 0; i < SWEEP_RECORDS; i++) await world.addOrder();
server.latencyMs = LATENCY_MS;
const sender = scriptedSender(() => OK);
const sweep = await counted("core", () =>
  processConnection({ db: core.db, now: t0, send: sender.send, owner: "bench" }, { connectionId: world.wms.id, mode: "retry" }),
);
// The same sweep's throughput, timed on the server with the latency and on an embedded file (a fresh world each).
async function sweepRate(url: string) {
  const database = openDatabase(url);
  await migrateDatabase(database);
  const w = await makeWorld(database.db, t0);
  for (let i = 0; i < SWEEP_RECORDS; i++) await w.addOrder();
  const started = performance.now();
  await processConnection(
    { db: database.db, now: t0, send: scriptedSender(() => OK).send, owner: "bench" },
    { connectionId: w.wms.id, mode: "retry" },
  );
  const seconds = (performance.now() - started) / 1000;
  database.client.close();
  return round(SWEEP_RECORDS / seconds);
}
const sweepRates = {
  server: await sweepRate(nsUrl("sweep-rate")),
  file: await sweepRate(`file:${freshDatabaseFile("round-trips-sweep")}`),
};
const extra = await world.addOrder();
const ctx = {
  db: core.db,
  scope: world.scope,
  now: t0,
  send: sender.send,
  actor: { type: "system" as const, name: "bench" },
  owner: "bench",
};
const action = await counted("core", () => resendOrder(ctx, { orderId: extra.order.id }));
core.client.close();

// 2. The app on the server (demo data) and on the embedded file: pages and webhooks.
ensureBuild();
server.latencyMs = 0;
// The webhook figure measures a post's latency, not the rate limit (docs/rules.md#w1): the bench's bursts of
// WEBHOOKS posts would otherwise meet a 429 once a window's 200 are spent.
const unlimited = { WEBHOOK_RATE_BURST: "1000000", WEBHOOK_RATE_PER_SECOND: "1000000" };
const onServer = await startApp({
  databaseFile: "unused",
  env: { DATABASE_URL: nsUrl("demo"), FIXLINE_SEED: "on", ...unlimited },
});
const fileDb = freshDatabaseFile("round-trips");
const onFile = await startApp({ databaseFile: fileDb, env: { FIXLINE_SEED: "on", ...unlimited } });
const demo = openDatabase(nsUrl("demo"));
const [firstAlert] = await demo.db.select({ id: alerts.id }).from(alerts).orderBy(asc(alerts.id)).limit(1);
const [firstOrder] = await demo.db.select({ id: orders.id }).from(orders).orderBy(asc(orders.id)).limit(1);
const firstCart = async (database: ReturnType<typeof openDatabase>) =>
  (await database.db.select().from(connections).where(eq(connections.kind, "cart")).orderBy(asc(connections.id)).limit(1))[0]!;
// Each app seeded its own demo data, with its own webhook secrets.
const carts = new Map<RunningApp, Awaited<ReturnType<typeof firstCart>>>([
  [onServer, await firstCart(demo)],
  [onFile, await firstCart(openDatabase(`file:${fileDb}`))],
]);
const PAGES = [
  "/alerts",
  "/alerts?kind=address_invalid",
  `/alerts/${firstAlert!.id}`,
  "/orders",
  `/orders/${firstOrder!.id}`,
  "/settings/profile",
  "/settings/ship-methods",
  "/settings/connections",
];

async function timedGet(app: RunningApp, path: string, cookie: string) {
  const started = performance.now();
  const answer = await fetch(`${app.url}${path}`, { headers: { cookie }, redirect: "manual" });
  await answer.text();
  if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status}`);
  return performance.now() - started;
}

async function postWebhook(app: RunningApp) {
  const cart = carts.get(app)!;
  const body = orderUpsertedBody(`#RT${randomBytes(4).toString("hex")}`);
  const started = performance.now();
  const answer = await fetch(`${app.url}/api/webhooks/${cart.id}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...signRequest(cart.webhookSecret, body) },
    body,
  });
  await answer.text();
  if (answer.status !== 202) throw new Error(`webhook: HTTP ${answer.status}`);
  return performance.now() - started;
}

/** WEBHOOKS posts, 8 at a time: the answer's p99 and the ingest rate they were answered at. */
async function webhookFigures(app: RunningApp) {
  const times: number[] = [];
  const next = async () => {
    while (times.length < WEBHOOKS) times.push(await postWebhook(app));
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, next));
  return { p99: round(percentile(times, 99)), perSecond: round((WEBHOOKS * 1000) / (performance.now() - started)) };
}

const pageRows: Row[] = [];
const timing: Row[] = [];
try {
  const cookies = {
    server: await signInCookie(onServer.url, DEMO_USERS.warehouseAdmin.email, DEMO_PASSWORD),
    file: await signInCookie(onFile.url, DEMO_USERS.warehouseAdmin.email, DEMO_PASSWORD),
  };
  server.latencyMs = LATENCY_MS;
  for (const path of PAGES) {
    for (let i = 0; i < 3; i++) await timedGet(onServer, path, cookies.server);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await counted("demo", () => timedGet(onServer, path, cookies.server)));
    const best = runs.reduce((a, b) => (b.sequential < a.sequential ? b : a));
    pageRows.push({
      what: `page ${path.replace(/\/\d+$/, "/[id]")}`,
      "sequential round trips": best.sequential,
      "round trips": best.roundTrips,
      statements: best.statements,
      [`≤ ${TARGET_SEQUENTIAL}`]: best.sequential <= TARGET_SEQUENTIAL ? "yes" : "no",
    });
  }
  await postWebhook(onServer);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const hook = await counted("demo", () => postWebhook(onServer));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const applied = server.stats().demo ?? hook;
  pageRows.push(
    {
      what: "webhook answer (verify, store, 202)",
      "sequential round trips": hook.sequential,
      "round trips": hook.roundTrips,
      statements: hook.statements,
    },
    {
      what: "webhook, answer + applying the event after it",
      "sequential round trips": applied.sequential,
      "round trips": applied.roundTrips,
      statements: applied.statements,
    },
    {
      what: "action: resend one order (core verb)",
      "sequential round trips": action.sequential,
      "round trips": action.roundTrips,
      statements: action.statements,
    },
    {
      what: `sweep, per record (${SWEEP_RECORDS} due orders, one connection)`,
      "sequential round trips": round(sweep.sequential / SWEEP_RECORDS, 2),
      "round trips": round(sweep.roundTrips / SWEEP_RECORDS, 2),
      statements: round(sweep.statements / SWEEP_RECORDS, 2),
    },
  );

  for (const [mode, app, cookie] of [
    [`libSQL server, ${LATENCY_MS} ms per round trip`, onServer, cookies.server],
    ["embedded file", onFile, cookies.file],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) await timedGet(app, "/alerts", cookie);
    for (let i = 0; i < REQUESTS; i++) times.push(await timedGet(app, "/alerts", cookie));
    const webhooks = await webhookFigures(app);
    timing.push({
      mode: mode,
      "Alerts tab p95 (ms)": round(percentile(times, 95)),
      [`webhook answer p99 (ms), ${WEBHOOKS} posts, 8 at a time`]: webhooks.p99,
      "ingest, events/s answered (the same posts)": webhooks.perSecond,
      [`sweep, records/s (${SWEEP_RECORDS} due orders, one connection, WMS answering at once)`]:
        app === onServer ? sweepRates.server : sweepRates.file,
    });
  }
} finally {
  demo.client.close();
  await onServer.stop();
  await onFile.stop();
  await server.close();
}

const path = writeResults(
  "round-trips",
  "Round trips to a libSQL server: per page, webhook, action and sweep record",
  [
    { title: `Round trips counted by the libSQL test server (${LATENCY_MS} ms added to each), demo data, warehouse admin`, rows: pageRows },
    { title: "The same app on a libSQL server and on the embedded file (demo data)", rows: timing },
  ],
  [
    "Sequential round trips: a round trip that starts while none of its database is in flight starts a new one; reads run together (Promise.all, db.batch) count once. Best of three after three warm-up requests.",
    "Pages: next start (production build), jobs off, GET with the session cookie; the count includes the session check and the scope. The webhook rows include the background work that starts after the answer.",
    "The server is lib/testing/hrana-server/ (Hrana over HTTP on the embedded engine) in the benchmark's process; the app reaches it over loopback, so the latency is the added delay, not a network.",
  ],
);
console.log(`Wrote ${path}`);
process.exit(0);
