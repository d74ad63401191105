// Figure 5, the fault soak: for SOAK_SECONDS (300), signed webhooks at a steady rate while the engine
// sweeps and people edit, resend and bulk-resend orders (bench/soak/people.ts); the stand-in WMS fails a third
// of its requests and goes down for 30 s; the engine process is killed with SIGKILL twice and started again.
// At the end every accepted event must be stored, every order at the WMS, held or still within its window, no
// record sent twice at the same time, no order accepted in two versions, no person's edit lost, and the app must
// have answered throughout. It also measures the time from a failure to its next try and from the WMS's return
// to its backlog drained (docs/delivery-states.md).
//   SOAK_DATABASE=server  the same on a libSQL server (the test server, lib/testing/hrana-server/) with TWO app
//                         processes taking the webhooks in turn, the engine and the people as further clients
//                         (docs/deploy.md); results in bench/results/soak-server.md
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { accounts, alertEvents, alerts, deliveries, orders, webhookReceipts } from "@/db/schema";
import { signRequest } from "@/lib/webhooks/sign-request";
import { countStoredReceipts, createMerchants, openBenchDatabase, orderUpsertedBody, waitUntilProcessed } from "../lib/integrations";
import { writeResults, type Row } from "../lib/results";
import { ensureBuild, freshDatabaseFile, ROOT, startApp, startLibsqlServerProcess } from "../lib/server";
import { percentile, round } from "../lib/stats";
import { startStandInWms } from "../lib/stand-in-wms";
import { editsLost, startPeople } from "./people";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

const ON_SERVER = process.env.SOAK_DATABASE === "server";
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
// On a server every process's statements go through the test server, one Node process on the same two cores as
// the two apps, the engine, the people and the soak itself: at 20 events/s it, not the app, is the limit (1,185 of
// 1,200 events answered within 10 s, p99 10 s, measured 2026-12-03). The soak checks correctness, so the server
// mode runs at a rate that machine carries; sqld is not this test server (docs/deploy.md#what-scales-how).
const RATE = Number(process.env.SOAK_EVENTS_PER_SECOND ?? (ON_SERVER ? 10 : 20));
const CONNECTIONS = 8;
const PEOPLE_RATE = Number(process.env.SOAK_PEOPLE_ACTIONS_PER_SECOND ?? 4);
/** Engine hours per real hour: an hour of retries every 5 s. */
const ENGINE_SPEED = 720;
const at = (fraction: number) => Math.round(SECONDS * fraction * 1000);
const TIMELINE = { downAt: at(0.3), upAt: at(0.3) + Math.min(30_000, at(0.1)), kills: [at(0.45), at(0.75)] };

ensureBuild();
const t0 = Date.now();
const file = freshDatabaseFile("soak");
// The server runs in a process of its own, as sqld would: in the soak's own event loop it competed with the
// stand-in WMS and the people for this process's time.
const libsql = ON_SERVER ? await startLibsqlServerProcess(join(ROOT, "data", "bench", "soak-hrana")) : null;
// The database every process opens: the embedded file, or one database on the libSQL server.
const databaseUrl = libsql ? `${libsql.url}/ns/soak${t0}/` : `file:${file}`;
const database = libsql ? openDatabase(databaseUrl) : await openBenchDatabase(file);
if (libsql) await migrateDatabase(database);
const wms = await startStandInWms({ delayMs: 5, failRate: 1 / 3 });
const merchants = await createMerchants(database, { count: CONNECTIONS, standInUrl: wms.url, now: new Date() });
const apps = await Promise.all(
  Array.from({ length: ON_SERVER ? 2 : 1 }, () => startApp({ databaseFile: file, env: { DATABASE_URL: databaseUrl } })),
);
const app = apps[0]!;
const [warehouseRow] = await database.db
  .select({ id: accounts.id })
  .from(accounts)
  .where(sql`${accounts.kind} = 'warehouse'`)
  .limit(1);
const people = await startPeople(database, { warehouseId: warehouseRow!.id, actionsPerSecond: PEOPLE_RATE });

const log: string[] = [];
const note = (line: string) => {
  const stamp = `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  log.push(`${stamp}: ${line}`);
  console.log(`[soak ${stamp}] ${line}`);
};

const engineTotals = { attempted: 0, succeeded: 0 };
/** The engine clock of its latest pass: what the timeline's faults are on the engine's clock. */
let engineAt = t0;
const engineWindows: { what: string; from: number; to: number }[] = [];
let engine: ChildProcess = startEngine();
let engineStarts = 1;
function startEngine() {
  // node itself, not the tsx wrapper: SIGKILL must hit the engine, not a parent that leaves it running.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join("bench", "soak", "engine.ts"), databaseUrl, String(t0), String(ENGINE_SPEED)],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      try {
        const pass = JSON.parse(line) as { attempted: number; succeeded: number; at: string };
        engineAt = Date.parse(pass.at);
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
  setTimeout(() => {
    wms.setDown(true);
    engineWindows.push({ what: "outage", from: engineAt, to: Infinity });
    note("stand-in WMS down");
  }, TIMELINE.downAt),
  setTimeout(() => {
    wms.setDown(false);
    engineWindows.at(-1)!.to = engineAt + 10 * 60_000;
    note("stand-in WMS back");
    void measureDrain();
  }, TIMELINE.upAt),
  ...TIMELINE.kills.map((delay) =>
    setTimeout(() => {
      // Until the killed engine's leases (30 s real) have run out and been taken again.
      engineWindows.push({ what: "SIGKILL", from: engineAt, to: engineAt + 40_000 * ENGINE_SPEED });
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

/** From the WMS's return until every record it held back has had its try: the backlog drained. */
const drain = { backlog: 0, firstAcceptedMs: NaN, drainedMs: NaN };
async function measureDrain() {
  const back = Date.now();
  const acceptedBefore = wms.stats().accepted;
  const held = await database.db
    .select({ id: deliveries.id, attempts: deliveries.attempts })
    .from(deliveries)
    .where(sql`${deliveries.status} in ('pending', 'retrying') and ${deliveries.kind} = 'order_to_wms'`);
  drain.backlog = held.length;
  const waiting = new Map(held.map((d) => [d.id, d.attempts]));
  while (waiting.size && Date.now() - back < 120_000) {
    if (Number.isNaN(drain.firstAcceptedMs) && wms.stats().accepted > acceptedBefore) drain.firstAcceptedMs = Date.now() - back;
    const rows = await database.db
      .select({ id: deliveries.id, attempts: deliveries.attempts, status: deliveries.status })
      .from(deliveries)
      .where(
        sql`${deliveries.id} in (${sql.join(
          [...waiting.keys()].map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    for (const row of rows)
      if (row.attempts > waiting.get(row.id)! || (row.status !== "pending" && row.status !== "retrying")) waiting.delete(row.id);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!waiting.size) drain.drainedMs = Date.now() - back;
}

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
  // On a server the two app processes take the events in turn.
  const request = fetch(`${apps[n % apps.length]!.url}/api/webhooks/${merchant.cart.id}`, {
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

const peopleStats = await people.stop();
note(
  `people: ${JSON.stringify(peopleStats.edits)} edits, ${JSON.stringify(peopleStats.resends)} resends, ${peopleStats.bulk.runs} bulk resends`,
);
// Let what was accepted be processed (the engine picks up anything the app left), then stop.
await waitUntilProcessed(database.db, 90_000, 1_000);
clearInterval(prober);
for (const timer of timers) clearTimeout(timer);
engine.kill("SIGTERM");
for (const a of apps) await a.stop();

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
// Per record (delivery id), the versions the WMS accepted; the orders whose shown version it never got.
const acceptedVersions = new Map<number, Set<number>>();
for (const [record, count] of wms.records) {
  const id = Number(record.split(":").at(-1));
  acceptedVersions.set(id, new Set([...count.acceptedVersions].map((key) => Number(key.split(":v").at(-1)))));
}
const lost = await editsLost(database, acceptedVersions);
// Time from a failure to its next try, on the engine clock: consecutive failures of one alert written by the
// engine (its clock runs far ahead of the app's and the people's), outside the outage and the SIGKILL windows.
const failures = await db
  .select({ alertId: alertEvents.alertId, at: alertEvents.at })
  .from(alertEvents)
  .innerJoin(alerts, sql`${alerts.id} = ${alertEvents.alertId}`)
  .where(
    sql`${alertEvents.type} in ('raised', 'retry_failed') and ${alerts.kind} = 'order_send_failed' and ${alertEvents.at} > ${t0 + (SECONDS + 600) * 1000}`,
  )
  .orderBy(alertEvents.alertId, alertEvents.at);
const gaps: number[] = [];
const gapsInFaults: number[] = [];
for (let i = 1; i < failures.length; i++) {
  const [a, b] = [failures[i - 1]!, failures[i]!];
  if (a.alertId !== b.alertId) continue;
  const gap = (b.at.getTime() - a.at.getTime()) / 60_000;
  const inFault = engineWindows.some((w) => a.at.getTime() < w.to && b.at.getTime() > w.from);
  (inFault ? gapsInFaults : gaps).push(gap);
}
const maxGap = gaps.length ? Math.max(...gaps) : 0;
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
  {
    check: "records with two requests in flight at once, any versions",
    value: wmsStats.recordsSentTwiceAtOnce,
    expected: 0,
    ok: wmsStats.recordsSentTwiceAtOnce === 0,
  },
  {
    check: "orders accepted by the WMS in two different versions",
    value: wmsStats.recordsWithTwoVersionsAccepted,
    expected: 0,
    ok: wmsStats.recordsWithTwoVersionsAccepted === 0,
  },
  { check: "edits lost: orders at the WMS in another version than Fixline shows", value: lost, expected: 0, ok: lost === 0 },
  {
    check: "people's refused edits found saved anyway",
    value: peopleStats.refusedButSaved,
    expected: 0,
    ok: peopleStats.refusedButSaved === 0,
  },
  { check: "people's actions that failed on our side", value: peopleStats.errors.length, expected: 0, ok: peopleStats.errors.length === 0 },
  {
    check: "time from a transient failure to its next try, max (engine minutes, outside outage and SIGKILL windows)",
    value: round(maxGap),
    expected: "≤ 65",
    ok: gaps.length > 0 && maxGap <= 65,
  },
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
  {
    figure: "people: edits applied / refused busy / refused changed",
    value: `${peopleStats.edits.applied} / ${peopleStats.edits.busy} / ${peopleStats.edits.changed}`,
  },
  {
    figure: "people: resends sent / refused busy / refused changed",
    value: `${peopleStats.resends.sent} / ${peopleStats.resends.busy} / ${peopleStats.resends.changed}`,
  },
  {
    figure: "people: bulk resends (orders) sent / busy / changed",
    value: `${peopleStats.bulk.runs} (${peopleStats.bulk.orders}): ${peopleStats.bulk.sent} / ${peopleStats.bulk.busy} / ${peopleStats.bulk.changed}`,
  },
  {
    figure: "failure → next try (engine minutes): p50 / p99 / max, and max across an outage or SIGKILL",
    value: `${round(percentile(gaps, 50))} / ${round(percentile(gaps, 99))} / ${round(maxGap)} (${gaps.length} gaps); ${gapsInFaults.length ? round(Math.max(...gapsInFaults)) : "–"}`,
  },
  {
    figure: "WMS back → first acceptance / backlog drained (real s; engine min)",
    value: `${round(drain.firstAcceptedMs / 1000)} s / ${round(drain.drainedMs / 1000)} s (${round((drain.firstAcceptedMs * ENGINE_SPEED) / 60_000)} / ${round((drain.drainedMs * ENGINE_SPEED) / 60_000)} min) for ${drain.backlog} records`,
  },
  {
    figure: "repeats with the same key after a SIGKILL, of records accepted",
    value: `${wmsStats.replayed} of ${wmsStats.accepted} (${round((100 * wmsStats.replayed) / Math.max(1, wmsStats.accepted))} %)`,
  },
];
writeResults(
  ON_SERVER ? "soak-server" : "soak",
  ON_SERVER ? "Fault soak on a libSQL server, two app processes" : "Fault soak",
  [
    { title: "Checks", rows: checks },
    { title: "Figures", rows: figures },
    { title: "Timeline", rows: log.map((line) => ({ event: line })) },
  ],
  [
    "The app (next start, production build) receives the webhooks and sends each new order at once; a separate engine process runs the sweeps back to back on a compressed clock (an engine hour every 5 real seconds), so the hourly retries of R1 happen many times in the soak. Leases use the real clock in both processes.",
    "The stand-in WMS answers 503 to a third of requests (a seeded sequence) and to all of them while down; it counts every Idempotency-Key's sends, acceptances and overlapping sends.",
    ...(ON_SERVER
      ? [
          "On the server: two app processes take the webhooks in turn, and the engine and the people are further clients of one database on the test libSQL server (lib/testing/hrana-server/), in a process of its own. Its default rate is 10 events/s: at 20 the test server, one Node process sharing the machine's two cores with everything else, answered 15 of 1,200 events after the sender's 10 s limit, with no check of correctness failing.",
        ]
      : []),
  ],
);
const failed = checks.filter((c) => !c.ok);
if (failed.length) {
  console.error(`Soak checks failed: ${failed.map((c) => c.check).join("; ")}`);
  process.exit(1);
}
if (libsql) {
  await libsql.close();
  process.exit(0);
}
