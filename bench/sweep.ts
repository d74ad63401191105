// Figure 3, "Retry sweep": N due order deliveries across 20 WMS connections, swept by the retry-orders job
// in its own process against a local WMS stand-in answering in 5 ms. Checks that every record was sent
// exactly once and ended succeeded; reports the median time, the throughput, the worker's peak memory and
// how the time per record grows from the smallest size (linear growth keeps the ratio near 1).
//   npm run bench:sweep [-- --sizes 10000,25000 --runs 3 --large-runs 1 --cpu-prof]
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { median, round } from "./lib/stats";
import { writeResults, type Row } from "./lib/results";
import { freshDatabaseFile, ROOT } from "./lib/server";
import { seedSweep } from "./sweep/seed";
import { startStandInWms, type StandInWms } from "./lib/stand-in-wms";
import { verifySweep } from "./sweep/verify";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,25000,50000,100000" },
    runs: { type: "string", default: "3" },
    "large-runs": { type: "string", default: "2" },
    connections: { type: "string", default: "20" },
    latency: { type: "string", default: "5" },
    "cpu-prof": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
  },
});
const SIZES = values.sizes.split(",").map(Number);
const CONNECTIONS = Number(values.connections);
const LATENCY_MS = Number(values.latency);
const TARGET_SECONDS = 60;
const TARGET_RSS_MB = 500;

type WorkerReport = {
  seconds: number;
  cpuSeconds: number;
  heapTotalMb: number;
  endRssMb: number;
  startRssMb: number;
  peakBeforeCloseMb: number;
  attempted: number;
  succeeded: number;
  peakRssMb: number;
  maxRssMb: number;
  connections: number;
};
type Run = WorkerReport & {
  wallSeconds: number;
  benchRssMb: number;
  seedSeconds: number;
  sentOnce: boolean;
  problems: string[];
  maxInFlight: number;
};

function runWorker(file: string, now: Date): Promise<WorkerReport & { wallSeconds: number; benchRssMb: number }> {
  const profDir = join(ROOT, "data", "bench", "sweep-prof");
  if (values["cpu-prof"]) mkdirSync(profDir, { recursive: true });
  const flags = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
  // What the worker's getrusage maxRSS inherits: this process's RSS when it forks the worker.
  const benchRssMb = process.memoryUsage().rss / 1048576;
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, "--import", "tsx", join("bench", "sweep", "worker.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: `file:${file}`, SWEEP_NOW: now.toISOString(), NODE_ENV: "production" },
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`the sweep worker exited with ${code}:\n${out}`));
      resolve({ ...(JSON.parse(line) as WorkerReport), wallSeconds, benchRssMb });
    });
  });
}

async function sweepOnce(records: number, standIn: StandInWms, run: number): Promise<Run> {
  const file = freshDatabaseFile(`sweep-${records}-${run}`);
  const now = new Date();
  const seedStarted = performance.now();
  await seedSweep(file, { records, connectionCount: CONNECTIONS, standInUrl: standIn.url, now });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  standIn.reset();
  const report = await runWorker(file, now);
  const problems = await verifySweep(file, records, standIn);
  return { ...report, seedSeconds, sentOnce: problems.length === 0, problems, maxInFlight: standIn.stats().maxInFlight };
}

const standIn = await startStandInWms({ delayMs: LATENCY_MS });
const results: { records: number; runs: Run[] }[] = [];
try {
  for (const records of SIZES) {
    const count = records >= 100_000 ? Number(values["large-runs"]) : Number(values.runs);
    const runs: Run[] = [];
    for (let run = 1; run <= count; run++) {
      const r = await sweepOnce(records, standIn, run);
      runs.push(r);
      console.log(
        `${records} records, run ${run}/${count}: sweep ${r.seconds.toFixed(1)} s, CPU ${r.cpuSeconds.toFixed(1)} s (worker ${r.wallSeconds.toFixed(1)} s, seed ${r.seedSeconds.toFixed(1)} s), ` +
          `peak RSS ${r.peakRssMb.toFixed(0)} MB (getrusage maxRSS ${r.maxRssMb.toFixed(0)} MB with the bench at ${r.benchRssMb.toFixed(0)} MB at the spawn; ${r.startRssMb.toFixed(0)} MB before the sweep, ${r.peakBeforeCloseMb.toFixed(0)} MB at most until the database closes, ${r.endRssMb.toFixed(0)} MB at the end, JS heap ${r.heapTotalMb.toFixed(0)} MB), at most ${r.maxInFlight} requests at once, ${r.sentOnce ? "each sent once" : `PROBLEMS: ${r.problems.join("; ")}`}`,
      );
    }
    results.push({ records, runs });
  }
} finally {
  await standIn.close();
}

const base = results[0]!;
const perRecord = (r: (typeof results)[number]) => median(r.runs.map((x) => x.seconds)) / r.records;
const rows: Row[] = results.map((r) => {
  const seconds = median(r.runs.map((x) => x.seconds));
  const peak = Math.max(...r.runs.map((x) => x.peakRssMb));
  return {
    records: r.records.toLocaleString("en-US"),
    runs: r.runs.length,
    "sweep s (median)": round(seconds, 1),
    "min–max s": `${round(Math.min(...r.runs.map((x) => x.seconds)), 1)}–${round(Math.max(...r.runs.map((x) => x.seconds)), 1)}`,
    "records/s": Math.round(r.records / seconds),
    "worker CPU s (median)": round(median(r.runs.map((x) => x.cpuSeconds)), 1),
    "CPU ms/record": round((median(r.runs.map((x) => x.cpuSeconds)) * 1000) / r.records, 2),
    "peak RSS MB (max)": Math.round(peak),
    "getrusage maxRSS MB (max)": Math.round(Math.max(...r.runs.map((x) => x.maxRssMb))),
    [`time per record vs ${base.records.toLocaleString("en-US")}`]: round(perRecord(r) / perRecord(base), 2),
    "each sent once": r.runs.every((x) => x.sentOnce) ? "yes" : "NO",
    "target met": seconds < TARGET_SECONDS && peak < TARGET_RSS_MB && r.runs.every((x) => x.sentOnce) ? "yes" : "no",
  };
});
const notes = [
  `${CONNECTIONS} WMS connections, records spread evenly; half are retries (status retrying, with an open alert the success resolves), half never sent (pending).`,
  `WMS stand-in: a node:http server in the bench process answering each order 200 after ${LATENCY_MS} ms; it counts requests per Idempotency-Key.`,
  "The sweep is the retry-orders job run once by runJobOnce (as `npm run job -- retry-orders`) in its own Node process; " +
    "time is measured around runJobOnce inside it; peak RSS is that process's own high-water mark (VmHWM in /proc/self/status, start-up included).",
  "getrusage maxRSS (what earlier results reported as peak RSS) is not the worker's own: a spawned child starts as a fork of the bench process, and Linux keeps that fork's RSS in the child's maxRSS across exec, so it is at least the bench's RSS at the spawn (the bench holds the seeded world and the stand-in's tallies: 650–700 MB when it spawned the 100,000 runs). Shown for comparison.",
  "Each sent once: the stand-in saw exactly one request per record (no key twice, never two of one key at once), and every delivery ended succeeded with no lease, every order at_wms, no alert left open.",
  "Worker CPU is the sweep's user + system CPU time (process.cpuUsage): with 2 cores shared by other work, wall time is CPU time divided by the share of a core the worker got, so CPU ms per record is the figure to compare across runs.",
  "What bounds it: the worker's CPU (CPU profile with --cpu-prof: SQLite statements and commits through @libsql/client and drizzle, then GC and node:http); the stand-in's 5 ms is hidden by up to 16 requests in flight per connection, 10 connections at once.",
  "Memory: the worker starts near 130 MB (Node, tsx, the job registry; the email templates load only when an email is rendered) and its peak is mostly JavaScript garbage not yet collected: after a forced GC at the end the heap holds ~30 MB. " +
    "The sweep prepares ~0.07 SQLite statements per record (outcomes of ~150 records share each group commit, a handful of statements each; a claimed batch of 256 is loaded in five queries).",
  `Targets (issue 7): 100,000 records in under ${TARGET_SECONDS} s, peak RSS under ${TARGET_RSS_MB} MB; time per record should stay flat as the size grows.`,
];
if (!values["no-write"]) writeResults("sweep", "Retry sweep (figure 3)", [{ title: "Sweep of due order deliveries", rows }], notes);
else console.table(rows);
if (results.some((r) => r.runs.some((x) => !x.sentOnce))) process.exitCode = 1;
