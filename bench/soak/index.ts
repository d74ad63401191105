// Figure 5, the fault soak: for SOAK_SECONDS (300), signed webhooks at a steady rate while the engine
// sweeps; the stand-in WMS fails a third of its requests and goes down for 30 s; the engine process is
// killed with SIGKILL twice and started again. At the end every accepted event must be stored, every order
// at the WMS, held or still within its window, no record sent twice at the same time, and the app must
// have answered throughout.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { deliveries, orders, webhookReceipts } from "@/db/schema";
import { signRequest } from "@/lib/webhooks/sign-request";
import { countStoredReceipts, createMerchants, openBenchDatabase, orderUpsertedBody, waitUntilProcessed } from "../lib/integrations";
import { writeResults, type Row } from "../lib/results";
import { ensureBuild, freshDatabaseFile, ROOT, startApp } from "../lib/server";
import { percentile, round } from "../lib/stats";
import { startStandInWms } from "../lib/stand-in-wms";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_EVENTS_PER_SECOND ?? 20);
const CONNECTIONS = 8;
/** Engine hours per real hour: an hour of retries every 5 s. */
const ENGINE_SPEED = 720;
const at = (fraction: number) => Math.round(SECONDS * fraction * 1000);
const TIMELINE = { downAt: at(0.3), upAt: at(0.3) + Math.min(30_000, at(0.1)), kills: [at(0.45), at(0.75)] };

ensureBuild();
const t0 = Date.now();
const file = freshDatabaseFile("soak");
const database = await openBenchDatabase(file);
const wms = await startStandInWms({ delayMs: 5, failRate: 1 / 3 });
const merchants = await createMerchants(database, { count: CONNECTIONS, standInUrl: wms.url, now: new Date() });
const app = await startApp({ databaseFile: file });

const log: string[] = [];
const note = (line: string) => {
  const stamp = `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  log.push(`${stamp}: ${line}`);
  console.log(`[soak ${stamp}] ${line}`);
};

const engineTotals = { attempted: 0, succeeded: 0 };
let engine: ChildProcess = startEngine();
let engineStarts = 1;
function startEngine() {
  // node itself, not the tsx wrapper: SIGKILL must hit the engine, not a parent that leaves it running.
  const child = spawn(process.execPath, ["--import", "tsx", join("bench", "soak", "engine.ts"), file, String(t0), String(ENGINE_SPEED)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      try {
        const pass = JSON.parse(line) as { attempted: number; succeeded: number };
        engineTotals.attempted += pass.attempted;
        engineTotals.succeeded += pass.succeeded;
      } catch {
        console.log(`[engine] ${line}`);
      }
    }
  });
  return child;
}

// The app answers throughout: a page request every second, each with a 5 s limit.
const probe = { requests: 0, failures: 0, latencies: [] as number[] };
const prober = setInterval(() => {
  const sent = performance.now();
  probe.requests++;
  fetch(`${app.url}/login`, { signal: AbortSignal.timeout(5_000) })
    .then(async (answer) => {
      await answer.arrayBuffer();
      if (!answer.ok) probe.failures++;
      probe.latencies.push(performance.now() - sent);
    })
    .catch(() => probe.failures++);
}, 1_000);

// Faults on the timeline.
const timers = [
  setTimeout(() => (wms.setDown(true), note("stand-in WMS down")), TIMELINE.downAt),
  setTimeout(() => (wms.setDown(false), note("stand-in WMS back")), TIMELINE.upAt),
  ...TIMELINE.kills.map((delay) =>
    setTimeout(() => {
      engine.kill("SIGKILL");
      note(`engine process ${engine.pid} killed with SIGKILL`);
      setTimeout(() => {
        engine = startEngine();
        engineStarts++;
        note(`engine process restarted as ${engine.pid}`);
      }, 1_000);
    }, delay),
  ),
];

// Webhooks at a steady rate: new orders, and now and then an update of an order already sent (docs/rules.md#r5).
const sent = {
  events: 0,
  accepted: [] as string[],
  statuses: {} as Record<number, number>,
  latencies: [] as number[],
  newOrders: new Set<string>(),
};
const interval = 1000 / RATE;
const deadline = t0 + SECONDS * 1000;
const inFlight = new Set<Promise<void>>();
for (let n = 0; Date.now() < deadline; n++) {
  const merchant = merchants[n % CONNECTIONS]!;
  // An update goes to an order of the same merchant (96 is a multiple of the connection count).
  const update = n >= 96 && n % 10 === 0;
  const orderNumber = update ? `#S${n - 96}` : `#S${n}`;
  if (!update) sent.newOrders.add(`${merchant.accountId}:${orderNumber}`);
  const body = orderUpsertedBody(orderNumber).replace('"quantity":1', `"quantity":${update ? 3 : 1}`);
  const headers = signRequest(merchant.cart.secret, body, { id: `soak_${n}` });
  const started = performance.now();
  const request = fetch(`${app.url}/api/webhooks/${merchant.cart.id}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  })
    .then(async (answer) => {
      await answer.arrayBuffer();
      sent.statuses[answer.status] = (sent.statuses[answer.status] ?? 0) + 1;
      if (answer.status === 202) sent.accepted.push(headers["webhook-id"]);
    })
    .catch(() => {
      sent.statuses[0] = (sent.statuses[0] ?? 0) + 1;
    })
    .finally(() => {
      sent.latencies.push(performance.now() - started);
      inFlight.delete(request);
    });
  inFlight.add(request);
  sent.events++;
  const next = t0 + (n + 1) * interval;
  if (next > Date.now()) await new Promise((r) => setTimeout(r, next - Date.now()));
}
await Promise.all(inFlight);
note(`sent ${sent.events} events; answers ${JSON.stringify(sent.statuses)}`);

// Let what was accepted be processed (the engine picks up anything the app left), then stop.
await waitUntilProcessed(database.db, 90_000, 1_000);
clearInterval(prober);
for (const timer of timers) clearTimeout(timer);
engine.kill("SIGTERM");
await app.stop();

// The checks.
const { db } = database;
const stored = await countStoredReceipts(db, sent.accepted);
const [receiptStates] = await db
  .select({
    accepted: sql<number>`sum(status = 'accepted')`,
    // A change to an order already at the WMS is refused with a reason (it is not sent automatically):
    // the only failure an honest stream may meet.
    failed: sql<number>`sum(status = 'failed' and error not like '%has already reached the WMS%')`,
    refusedChanges: sql<number>`sum(status = 'failed' and error like '%has already reached the WMS%')`,
    processed: sql<number>`sum(status = 'processed')`,
  })
  .from(webhookReceipts);
const byStatus = await db
  .select({ status: orders.status, n: sql<number>`count(*)` })
  .from(orders)
  .groupBy(orders.status);
const engineNow = new Date(t0 + (Date.now() - t0) * ENGINE_SPEED);
// An order is fine when it is at the WMS or held for a person, or its delivery is still inside its window.
const [outside] = await db
  .select({ n: sql<number>`count(*)` })
  .from(orders)
  .innerJoin(deliveries, sql`${deliveries.orderId} = ${orders.id} and ${deliveries.kind} = 'order_to_wms'`)
  .where(
    sql`${orders.status} not in ('at_wms', 'held') and not (${deliveries.status} in ('pending', 'retrying') and (${deliveries.giveUpAt} is null or ${deliveries.giveUpAt} > ${engineNow.getTime()}))`,
  );
const [orderCount] = await db.select({ n: sql<number>`count(*)` }).from(orders);
const wmsStats = wms.stats();
await wms.close();
database.client.close();

const checks: Row[] = [
  {
    check: "events accepted (202)",
    value: sent.accepted.length,
    expected: `of ${sent.events} sent`,
    ok: sent.accepted.length === sent.events,
  },
  { check: "accepted events stored", value: stored, expected: sent.accepted.length, ok: stored === sent.accepted.length },
  {
    check: "receipts left unprocessed / failed for another reason than a change after the WMS had the order",
    value: `${receiptStates!.accepted ?? 0} / ${receiptStates!.failed ?? 0}`,
    expected: "0 / 0",
    ok: !receiptStates!.accepted && !receiptStates!.failed,
  },
  {
    check: "orders stored",
    value: Number(orderCount!.n),
    expected: sent.newOrders.size,
    ok: Number(orderCount!.n) === sent.newOrders.size,
  },
  {
    check: "orders neither at the WMS, held, nor within their window",
    value: Number(outside!.n),
    expected: 0,
    ok: Number(outside!.n) === 0,
  },
  {
    check: "records sent twice at the same time (Idempotency-Key)",
    value: wmsStats.sentTwiceAtOnce,
    expected: 0,
    ok: wmsStats.sentTwiceAtOnce === 0,
  },
  { check: "orders created twice at the WMS", value: wmsStats.acceptedTwice, expected: 0, ok: wmsStats.acceptedTwice === 0 },
  { check: "app page probes failed", value: `${probe.failures} of ${probe.requests}`, expected: 0, ok: probe.failures === 0 },
];
const figures: Row[] = [
  { figure: "duration (s)", value: SECONDS },
  { figure: "webhook rate (events/s)", value: RATE },
  { figure: "webhook p99 (ms)", value: round(percentile(sent.latencies, 99)) },
  { figure: "app page p99 (ms)", value: round(percentile(probe.latencies, 99)) },
  { figure: "changes refused: the order was already at the WMS", value: Number(receiptStates!.refusedChanges ?? 0) },
  { figure: "engine process starts", value: engineStarts },
  { figure: "engine sweeps: records attempted / succeeded", value: `${engineTotals.attempted} / ${engineTotals.succeeded}` },
  {
    figure: "WMS requests / accepted / failed / refused while down",
    value: `${wmsStats.requests} / ${wmsStats.accepted} / ${wmsStats.failed} / ${wmsStats.refusedWhileDown}`,
  },
  { figure: "distinct records (Idempotency-Keys) seen", value: wmsStats.keys },
  {
    figure: "repeats of an accepted record, answered from the WMS's idempotency record (a success lost to a SIGKILL before it was written)",
    value: wmsStats.replayed,
  },
  { figure: "orders by status", value: byStatus.map((s) => `${s.status} ${s.n}`).join(", ") },
];
writeResults(
  "soak",
  "Fault soak",
  [
    { title: "Checks", rows: checks },
    { title: "Figures", rows: figures },
    { title: "Timeline", rows: log.map((line) => ({ event: line })) },
  ],
  [
    "The app (next start, production build) receives the webhooks and sends each new order at once; a separate engine process runs the sweeps back to back on a compressed clock (an engine hour every 5 real seconds), so the hourly retries of R1 happen many times in the soak. Leases use the real clock in both processes.",
    "The stand-in WMS answers 503 to a third of requests (a seeded sequence) and to all of them while down; it counts every Idempotency-Key's sends, acceptances and overlapping sends.",
  ],
);
const failed = checks.filter((c) => !c.ok);
if (failed.length) {
  console.error(`Soak checks failed: ${failed.map((c) => c.check).join("; ")}`);
  process.exit(1);
}
