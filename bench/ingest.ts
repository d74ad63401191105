// Figure 1, webhook ingest: signed order.upserted events from 32 concurrent connections, a fixed count per
// run, against (a) Fixline's endpoint, (b) a Next route in the same build doing only verify + insert and
// (c) a bare node:http server doing the same — interleaved, several runs, medians and ratios per run.
// Then (a) again across two `next start` processes on the same database, one per core.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createSandboxServer } from "@/lib/sandbox/server";
import { signRequest } from "@/lib/webhooks/sign-request";
import {
  countStoredReceipts,
  createMerchants,
  openBenchDatabase,
  orderUpsertedBody,
  waitUntilProcessed,
  type BenchMerchant,
} from "./lib/integrations";
import { ensureBuild, freePort, freshDatabaseFile, ROOT, startApp } from "./lib/server";
import { processTreeCpuMs } from "./lib/cpu";
import { median, percentile, round } from "./lib/stats";
import { writeResults, type Row } from "./lib/results";

const CONNECTIONS = 32;
const EVENTS_PER_CONNECTION = Number(process.env.BENCH_EVENTS_PER_CONNECTION ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Target = { name: string; url: (connectionId: number, n: number) => string; pids: () => number[] };
type Outcome = {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  accepted: string[];
  statuses: Record<number, number>;
  /** Server CPU per request while the requests were answered (the work done after the answers not included). */
  cpuMsPerRequest: number;
};

ensureBuild();
const now = new Date();
const file = freshDatabaseFile("ingest");
const database = await openBenchDatabase(file);
// The stand-in WMS and carts: the sandbox connector, answering every order at once.
const sandbox = createSandboxServer({
  flakyRate: 0,
  slugs: Array.from({ length: CONNECTIONS }, (_, n) => `bench-${n + 1}`),
  historySize: 1,
});
const { url: sandboxUrl } = await sandbox.listen(await freePort(), "127.0.0.1");
const merchants = await createMerchants(database, { count: CONNECTIONS, standInUrl: sandboxUrl, now });

const app = await startApp({ databaseFile: file, env: { FIXLINE_BENCH_ROUTES: "on", SANDBOX_URL: sandboxUrl } });
const barePort = await freePort();
const bare = spawn(process.execPath, ["--import", "tsx", join("bench", "ingest", "bare-server.ts"), file, String(barePort)], {
  cwd: ROOT,
  stdio: "ignore",
});
await waitForPort(barePort);

const targets: Record<"fixline" | "nextFloor" | "bare", Target> = {
  fixline: { name: "(a) Fixline /api/webhooks", url: (id) => `${app.url}/api/webhooks/${id}`, pids: () => [app.process.pid!] },
  nextFloor: {
    name: "(b) Next route: verify + insert",
    url: (id) => `${app.url}/api/webhooks/bench-floor/${id}`,
    pids: () => [app.process.pid!],
  },
  bare: { name: "(c) node:http: verify + insert", url: (id) => `http://127.0.0.1:${barePort}/api/webhooks/${id}`, pids: () => [bare.pid!] },
};

const rows: Row[] = [];
const ratios: number[] = [];
const perTarget: Record<string, Outcome[]> = { fixline: [], nextFloor: [], bare: [] };
try {
  // A warm-up of each, not counted: the first requests compile routes and fill caches.
  for (const key of Object.keys(targets) as (keyof typeof targets)[]) await fire(targets[key]!, merchants, 5);
  await drained();
  for (let run = 1; run <= RUNS; run++) {
    for (const key of ["fixline", "nextFloor", "bare"] as const) {
      const outcome = await fire(targets[key], merchants, EVENTS_PER_CONNECTION);
      await checkStoredOnce(outcome, key);
      perTarget[key]!.push(outcome);
      rows.push(row(`run ${run}`, targets[key].name, outcome));
      // Fixline goes on applying and sending after it answers: the next run starts when that is done.
      if (key === "fixline") await drained();
    }
    ratios.push(perTarget.fixline!.at(-1)!.perSecond / perTarget.nextFloor!.at(-1)!.perSecond);
  }

  // A second process on the second core, on the same database file: connections split between the two.
  const second = await startApp({ databaseFile: file, env: { FIXLINE_BENCH_ROUTES: "on", SANDBOX_URL: sandboxUrl } });
  const twoProcessRuns: Outcome[] = [];
  try {
    const split: Target = {
      name: "(a) Fixline, two processes",
      url: (id) => `${id % 2 ? app.url : second.url}/api/webhooks/${id}`,
      pids: () => [app.process.pid!, second.process.pid!],
    };
    await fire(split, merchants, 5);
    await drained();
    for (let run = 1; run <= RUNS; run++) {
      const outcome = await fire(split, merchants, EVENTS_PER_CONNECTION);
      await checkStoredOnce(outcome, "fixline, two processes");
      twoProcessRuns.push(outcome);
      rows.push(row(`run ${run}`, split.name, outcome));
      await drained();
    }
  } finally {
    await second.stop();
  }

  const summary: Row[] = [
    ...(["fixline", "nextFloor", "bare"] as const).map((key) => summaryRow(targets[key].name, perTarget[key]!)),
    summaryRow("(a) Fixline, two processes", twoProcessRuns),
  ];
  const ratio = median(ratios);
  const fixline = perTarget.fixline!;
  const p99 = median(fixline.map((o) => o.p99));
  const errors = fixline.reduce((n, o) => n + o.errors, 0);
  const targetsRows: Row[] = [
    { figure: "Fixline ÷ (b), median of per-run ratios", measured: round(ratio, 2), target: "≥ 0.8", met: ratio >= 0.8 },
    { figure: "Fixline p99 (ms), median of runs", measured: p99, target: "< 100", met: p99 < 100 },
    { figure: "Fixline errors (non-202 answers)", measured: errors, target: "0", met: errors === 0 },
    { figure: "Accepted events stored exactly once", measured: "every run checked", target: "all", met: true },
    {
      figure: "Two processes ÷ one (Fixline)",
      measured: round(median(twoProcessRuns.map((o) => o.perSecond)) / median(fixline.map((o) => o.perSecond)), 2),
      target: "for the record",
      met: "",
    },
  ];
  writeResults(
    "ingest",
    "Webhook ingest",
    [
      { title: "Targets", rows: targetsRows },
      {
        title: `Medians of ${RUNS} runs (${CONNECTIONS} connections × ${EVENTS_PER_CONNECTION} signed order.upserted events each)`,
        rows: summary,
      },
      { title: "Every run", rows },
    ],
    [
      "Load: 32 concurrent senders, one per cart connection, each posting its pre-signed events one after another over keep-alive, from the bench process on the same machine.",
      "(a) answers 202 once the event is stored; applying it and sending the order to the stand-in WMS continue in the background. A run starts once the previous run's events are all processed.",
      "(b) and (c) cache each connection's secret in memory, verify with the Standard Webhooks reference library and insert one row into the same receipts table.",
      "(a) and (b) answer with `cache-control: no-store, no-transform`, so Next does not gzip either's few-byte answer (the senders' fetch asks for gzip); (c) never compresses.",
      "Stored exactly once: after each run, the receipts table holds each accepted webhook-id once, and the ids answered are distinct.",
    ],
  );
} finally {
  await app.stop();
  bare.kill("SIGTERM");
  await sandbox.close();
  database.client.close();
}

function row(run: string, target: string, o: Outcome): Row {
  return {
    run,
    target,
    requests: o.requests,
    "req/s": round(o.perSecond, 0),
    "p50 ms": o.p50,
    "p99 ms": o.p99,
    "server CPU ms/req": o.cpuMsPerRequest,
    errors: o.errors,
  };
}

function summaryRow(target: string, outcomes: Outcome[]): Row {
  return {
    target,
    "req/s (median)": round(median(outcomes.map((o) => o.perSecond)), 0),
    "p50 ms": median(outcomes.map((o) => o.p50)),
    "p99 ms": median(outcomes.map((o) => o.p99)),
    "server CPU ms/req": median(outcomes.map((o) => o.cpuMsPerRequest)),
    errors: outcomes.reduce((n, o) => n + o.errors, 0),
  };
}

/** Pre-signs every event, then lets one sender per connection post its share back to back. */
async function fire(target: Target, senders: BenchMerchant[], perConnection: number): Promise<Outcome> {
  const prefix = randomBytes(4).toString("hex");
  const planned = senders.map((m) =>
    Array.from({ length: perConnection }, (_, n) => {
      const body = orderUpsertedBody(`#B${prefix}-${m.cart.id}-${n}`);
      return { connectionId: m.cart.id, n, body, headers: signRequest(m.cart.secret, body, { id: `msg_${prefix}_${m.cart.id}_${n}` }) };
    }),
  );
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const accepted: string[] = [];
  const cpuBefore = target.pids().reduce((ms, pid) => ms + processTreeCpuMs(pid), 0);
  const started = performance.now();
  await Promise.all(
    planned.map(async (events) => {
      for (const event of events) {
        const sent = performance.now();
        let status = 0;
        try {
          const answer = await fetch(target.url(event.connectionId, event.n), {
            method: "POST",
            headers: { "content-type": "application/json", ...event.headers },
            body: event.body,
          });
          await answer.arrayBuffer();
          status = answer.status;
        } catch {
          status = 0;
        }
        latencies.push(performance.now() - sent);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 202) accepted.push(event.headers["webhook-id"]);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = target.pids().reduce((ms, pid) => ms + processTreeCpuMs(pid), 0) - cpuBefore;
  const requests = latencies.length;
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    errors: requests - (statuses[202] ?? 0),
    accepted,
    statuses,
    cpuMsPerRequest: round(cpuMs / requests, 2),
  };
}

async function checkStoredOnce(outcome: Outcome, label: string) {
  if (new Set(outcome.accepted).size !== outcome.accepted.length) throw new Error(`${label}: a webhook-id was accepted twice`);
  const stored = await countStoredReceipts(database.db, outcome.accepted);
  if (stored !== outcome.accepted.length) throw new Error(`${label}: ${outcome.accepted.length} events accepted but ${stored} stored`);
  if (outcome.errors) console.warn(`${label}: answers other than 202: ${JSON.stringify(outcome.statuses)}`);
}

/** Waits until Fixline has processed every event it accepted (nothing left `accepted`). */
async function drained() {
  const left = await waitUntilProcessed(database.db, 300_000);
  if (left) throw new Error(`${left} events still unprocessed after 5 minutes`);
}

async function waitForPort(port: number) {
  for (let i = 0; i < 150; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the bare server did not listen on ${port}`);
}
