// Webhook to WMS under a steady stream (issue 18): how long after its 202 an order reaches the WMS, and whether
// the events waiting to be applied stay bounded, at 25%, 50% and 75% of the measured ingest maximum.
//
// 1. The maximum: closed-loop bursts (32 senders back to back, as bench/ingest.ts) against Fixline's endpoint and
//    against a Next route in the same build doing only verify + insert — interleaved, the median of each.
// 2. Each stream: open-loop arrivals at a fixed rate for STREAM_SECONDS (each request sent on its schedule,
//    whatever the answers before it), round-robin over the 32 cart connections. For every order answered 202,
//    the time from the answer to the stand-in WMS receiving it; every second, the events stored and not yet
//    applied (the backlog); after the stream, how long the backlog takes to drain.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { signRequest } from "@/lib/webhooks/sign-request";
import { createMerchants, openBenchDatabase, orderUpsertedBody, waitUntilProcessed, type BenchMerchant } from "./lib/integrations";
import { ensureBuild, freshDatabaseFile, startApp, startWorker } from "./lib/server";
import { startStandInWms } from "./lib/stand-in-wms";
import { median, percentile, round } from "./lib/stats";
import { writeResults, type Row } from "./lib/results";
import { sql } from "drizzle-orm";

const CONNECTIONS = 32;
const STREAM_SECONDS = Number(process.env.STREAM_SECONDS ?? 120);
const BURST_PER_CONNECTION = Number(process.env.BENCH_EVENTS_PER_CONNECTION ?? 60);
const BURST_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SHARES = [0.25, 0.5, 0.75];
/** How long the backlog is given to drain after a stream; the target is a minute. */
const DRAIN_LIMIT_S = 180;
/** Events are applied by the webhook worker's process (`npm run worker`), as a steady stream is meant to run; 0: by the app's. */
const WITH_WORKER = process.env.BENCH_WORKER !== "0";

ensureBuild();
const now = new Date();
const file = freshDatabaseFile("stream");
const database = await openBenchDatabase(file);
const wms = await startStandInWms({ delayMs: 5 });
const merchants = await createMerchants(database, { count: CONNECTIONS, standInUrl: wms.url, now });
// The stream's rate is far above the per-connection webhook limit's default; the limit is not what is measured.
const app = await startApp({
  databaseFile: file,
  env: { FIXLINE_BENCH_ROUTES: "on", WEBHOOK_RATE_PER_SECOND: "100000", WEBHOOK_RATE_BURST: "100000" },
});
const worker = WITH_WORKER ? await startWorker({ databaseFile: file }) : null;
// The app reads the worker's heartbeat once a second: let it see it before the first event.
if (worker) await new Promise((r) => setTimeout(r, 1_500));

type Planned = { connectionId: number; orderNumber: string; body: string; headers: Record<string, string> };
let sequence = 0;
function plan(m: BenchMerchant): Planned {
  const orderNumber = `#S${runTag}-${++sequence}`;
  const body = orderUpsertedBody(orderNumber);
  return { connectionId: m.cart.id, orderNumber, body, headers: signRequest(m.cart.secret, body, { id: `msg_${runTag}_${sequence}` }) };
}
const runTag = randomBytes(3).toString("hex");

async function post(url: string, event: Planned): Promise<number> {
  try {
    const answer = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...event.headers },
      body: event.body,
    });
    await answer.arrayBuffer();
    return answer.status;
  } catch {
    return 0;
  }
}

/** Closed loop: one sender per connection posting back to back; events per second answered. */
async function burst(path: (id: number) => string): Promise<number> {
  const events = merchants.map((m) => Array.from({ length: BURST_PER_CONNECTION }, () => plan(m)));
  const started = performance.now();
  await Promise.all(
    events.map(async (list) => {
      for (const event of list) await post(`${app.url}${path(event.connectionId)}`, event);
    }),
  );
  return (CONNECTIONS * BURST_PER_CONNECTION) / ((performance.now() - started) / 1000);
}

async function backlog(): Promise<number> {
  const [row] = await database.db.all<{ n: number }>(sql`select count(*) as n from webhook_receipts where status = 'accepted'`);
  return Number(row?.n ?? 0);
}

type StreamOutcome = {
  rate: number;
  sent: number;
  accepted: number;
  errors: number;
  toWms: number[];
  notReached: number;
  /** One sample a second, through the stream and then its drain. */
  backlogSamples: number[];
  /** The samples taken while the stream ran: whether the backlog stays bounded is read from these. */
  duringStream: number[];
  /** Infinity when events were still unapplied DRAIN_LIMIT_S after the stream (`unapplied` says how many). */
  drainSeconds: number;
  unapplied: number;
  answerP99: number;
  /** The machine's 1-minute load average at the stream's end: on 2 cores, above 2 means other work took CPU. */
  load: number;
};

/** Open loop at `rate` events per second for STREAM_SECONDS, then waits for the backlog to drain. */
async function stream(rate: number): Promise<StreamOutcome> {
  wms.reset();
  const total = Math.round(rate * STREAM_SECONDS);
  const events = Array.from({ length: total }, (_, i) => plan(merchants[i % CONNECTIONS]!));
  const answeredAt = new Map<string, number>();
  const answerMs: number[] = [];
  const backlogSamples: number[] = [];
  let errors = 0;
  const sampler = setInterval(() => void backlog().then((n) => backlogSamples.push(n)), 1_000);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const event = events[i]!;
    const sent = performance.now();
    inFlight.push(
      post(`${app.url}/api/webhooks/${event.connectionId}`, event).then((status) => {
        answerMs.push(performance.now() - sent);
        if (status === 202) answeredAt.set(event.orderNumber, Date.now());
        else errors++;
      }),
    );
  }
  await Promise.all(inFlight);
  const endedAt = performance.now();
  const streamSamples = backlogSamples.length;
  const left = await waitUntilProcessed(database.db, DRAIN_LIMIT_S * 1000, 100);
  clearInterval(sampler);
  const drainSeconds = left ? Number.POSITIVE_INFINITY : (performance.now() - endedAt) / 1000;
  // The last orders may still be on their way to the WMS once applied.
  const deadline = Date.now() + 30_000;
  while (wms.firstSeen.size < answeredAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const toWms: number[] = [];
  let notReached = 0;
  for (const [orderNumber, at] of answeredAt) {
    const seen = wms.firstSeen.get(orderNumber);
    if (seen === undefined) notReached++;
    else toWms.push(Math.max(0, seen - at));
  }
  return {
    rate,
    sent: total,
    accepted: answeredAt.size,
    errors,
    toWms,
    notReached,
    backlogSamples,
    duringStream: backlogSamples.slice(0, streamSamples),
    drainSeconds,
    unapplied: left,
    answerP99: round(percentile(answerMs, 99)),
    load: round(loadavg()[0]!, 1),
  };
}

/** Seconds to drain, or how many events were still waiting when the drain was given up on. */
function drained(o: StreamOutcome): string {
  return Number.isFinite(o.drainSeconds) ? `${round(o.drainSeconds)} s` : `> ${DRAIN_LIMIT_S} s (${o.unapplied} still waiting)`;
}

try {
  // Warm-up, not counted: the first requests compile routes and fill caches.
  await burst((id) => `/api/webhooks/${id}`);
  await burst((id) => `/api/webhooks/bench-floor/${id}`);
  await waitUntilProcessed(database.db, 300_000);
  const fixlineRuns: number[] = [];
  const floorRuns: number[] = [];
  for (let run = 0; run < BURST_RUNS; run++) {
    fixlineRuns.push(await burst((id) => `/api/webhooks/${id}`));
    await waitUntilProcessed(database.db, 300_000);
    floorRuns.push(await burst((id) => `/api/webhooks/bench-floor/${id}`));
  }
  const max = median(fixlineRuns);
  const floor = median(floorRuns);
  const ratios = fixlineRuns.map((f, i) => f / floorRuns[i]!);
  console.log(`ingest maximum: Fixline ${round(max, 0)}/s, Next floor route ${round(floor, 0)}/s`);

  const outcomes: { share: number; outcome: StreamOutcome }[] = [];
  for (const share of SHARES) {
    const outcome = await stream(Math.max(1, Math.round(max * share)));
    outcomes.push({ share, outcome });
    const tail = outcome.duringStream.slice(-Math.ceil(outcome.duringStream.length / 4));
    console.log(
      `${share * 100}%: ${outcome.rate}/s, to WMS p50 ${round(percentile(outcome.toWms, 50))} ms p95 ${round(percentile(outcome.toWms, 95))} ms, ` +
        `backlog max ${Math.max(0, ...outcome.backlogSamples)}, last quarter max ${Math.max(0, ...tail)}, drained in ${drained(outcome)}`,
    );
  }

  const streamRows: Row[] = outcomes.map(({ share, outcome: o }) => {
    const quarter = Math.ceil(o.duringStream.length / 4);
    return {
      share: `${share * 100}%`,
      "events/s": o.rate,
      events: o.sent,
      "answered 202": o.accepted,
      "answer p99 ms": o.answerP99,
      "202 → WMS p50 ms": round(percentile(o.toWms, 50)),
      "p95 ms": round(percentile(o.toWms, 95)),
      "max ms": round(Math.max(0, ...o.toWms)),
      "not at WMS": o.notReached,
      "backlog max": Math.max(0, ...o.backlogSamples),
      "backlog, first quarter of the stream max": Math.max(0, ...o.duringStream.slice(0, quarter)),
      "backlog, last quarter of the stream max": Math.max(0, ...o.duringStream.slice(-quarter)),
      "drained s after the end": drained(o),
      "load avg": o.load,
    };
  });
  const half = outcomes.find((o) => o.share === 0.5)!.outcome;
  const threeQuarters = outcomes.find((o) => o.share === 0.75)!.outcome;
  const halfQuarter = Math.ceil(half.duringStream.length / 4);
  // Bounded: the backlog at the end of the stream is no bigger than 1.5 × at its start, or under one second of the
  // stream's events (a handful waiting between two samples is no growth: 1 → 5 is not a backlog).
  const halfLastQuarter = Math.max(0, ...half.duringStream.slice(-halfQuarter));
  const halfBounded = halfLastQuarter <= Math.max(half.rate, Math.max(1, ...half.duringStream.slice(0, halfQuarter)) * 1.5);
  const ingestRatio = median(ratios);
  const targets: Row[] = [
    {
      figure: "50%: 202 → WMS p95 (ms)",
      measured: round(percentile(half.toWms, 95)),
      target: "< 1000",
      met: percentile(half.toWms, 95) < 1000,
    },
    {
      figure: "50%: backlog bounded (last quarter's max ≤ 1.5 × first quarter's, or under one second of events)",
      measured: `${halfBounded ? "yes" : "no"} (last quarter max ${halfLastQuarter})`,
      target: "yes",
      met: halfBounded,
    },
    {
      figure: "75%: backlog drained after the stream (s)",
      measured: drained(threeQuarters),
      target: "≤ 60",
      met: threeQuarters.drainSeconds <= 60,
    },
    { figure: "ingest ÷ bare Next route (median of runs)", measured: round(ingestRatio, 2), target: "≥ 0.9", met: ingestRatio >= 0.9 },
    {
      figure: "every order answered 202 reached the WMS",
      measured: outcomes.every((o) => o.outcome.notReached === 0) ? "yes" : "no",
      target: "yes",
      met: outcomes.every((o) => o.outcome.notReached === 0),
    },
  ];
  const backlogRows: Row[] = outcomes.map(({ share, outcome }) => ({
    share: `${share * 100}%`,
    "backlog every 10 s (the stream, then its drain)": outcome.backlogSamples.filter((_, i) => i % 10 === 9).join(" "),
  }));
  writeResults(
    "stream",
    "Webhook to WMS under a steady stream",
    [
      { title: "Targets", rows: targets },
      {
        title: `The ingest maximum (closed loop, ${CONNECTIONS} senders × ${BURST_PER_CONNECTION} events, ${BURST_RUNS} runs, interleaved)`,
        rows: fixlineRuns.map((f, i) => ({
          run: i + 1,
          "Fixline events/s": round(f, 0),
          "Next floor route events/s": round(floorRuns[i]!, 0),
          ratio: round(ratios[i]!, 2),
        })),
      },
      { title: `Streams of ${STREAM_SECONDS} s at shares of the Fixline maximum (${round(max, 0)}/s)`, rows: streamRows },
      { title: "Backlog over time (events stored, not yet applied)", rows: backlogRows },
    ],
    [
      "Open loop: each event is posted on its schedule (rate × time), round-robin over 32 cart connections, whatever the answers before it; the per-connection webhook limit is raised out of the way.",
      "202 → WMS: from the 202's arrival at the sender to the stand-in WMS (5 ms per answer) receiving the order, matched by order number.",
      "Backlog: receipts stored `accepted` (not yet applied), read once a second from a second connection to the same database file.",
      WITH_WORKER
        ? "Applied by the webhook worker (`npm run worker`, docs/decisions/0014-a-webhook-worker-process.md) beside the app, as production runs on a machine with two cores; BENCH_WORKER=0 measures the app alone."
        : "Applied by the app's own process (BENCH_WORKER=0): no webhook worker.",
    ],
  );
} finally {
  await worker?.stop();
  await app.stop();
  await wms.close();
  database.client.close();
}
