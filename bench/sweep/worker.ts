// The sweep's worker process: runs the retry-orders job once, as `npm run job -- retry-orders` does
// (runJobOnce with the job registry's context and the real HTTP sender), and prints one JSON line with the
// sweep's time and this process's peak memory, so the bench measures the job alone.
import { readFileSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { jobContext } from "@/jobs/registry";
import { retryOrders } from "@/jobs/retry-orders";
import { runJobOnce } from "@/jobs/types";

/**
 * This process's own peak RSS in MB, start-up included. On Linux that is VmHWM, not getrusage's maxRSS: a
 * spawned child starts as a fork of its parent, and maxRSS keeps that fork's high-water mark across exec,
 * so it reports at least the bench process's RSS at the moment it spawned the worker (measured: a 39 MB
 * child of a 443 MB parent reports 404 MB). VmHWM belongs to the memory this program mapped after exec.
 */
function ownPeakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux: maxRSS below
  }
  return process.resourceUsage().maxRSS / 1024;
}

const now = new Date(process.env.SWEEP_NOW ?? Date.now());
const database = openDatabase();
const rssBefore = process.memoryUsage().rss;
// SWEEP_TRACE_MEMORY=1: each new highest RSS (sampled every 100 ms) with the JS heap on stderr, to see when the peak comes.
let highest = 0;
const trace = process.env.SWEEP_TRACE_MEMORY
  ? setInterval(() => {
      const m = process.memoryUsage();
      if (m.rss <= highest) return;
      highest = m.rss;
      console.error(
        `t=${((performance.now() - started) / 1000).toFixed(0)}s rss=${(m.rss / 1048576).toFixed(0)} heap=${(m.heapUsed / 1048576).toFixed(0)}/${(m.heapTotal / 1048576).toFixed(0)} external=${(m.external / 1048576).toFixed(0)}`,
      );
    }, 100)
  : undefined;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const summaries = await runJobOnce(retryOrders, jobContext({ db: database.db, now, log: () => {} }));
const seconds = (performance.now() - started) / 1000;
clearInterval(trace);
const peakBeforeCloseMb = ownPeakRssMb();
const cpu = process.cpuUsage(cpuBefore);
database.client.close();

const total = (key: "attempted" | "succeeded" | "failed" | "held" | "skipped") => summaries.reduce((sum, s) => sum + s[key], 0);
console.log(
  JSON.stringify({
    seconds,
    // CPU time of the sweep (user + system): what the run costs when the machine is shared.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    connections: summaries.length,
    attempted: total("attempted"),
    succeeded: total("succeeded"),
    failed: total("failed"),
    held: total("held"),
    skipped: total("skipped"),
    // The peak of this process, start-up included (see ownPeakRssMb).
    peakRssMb: ownPeakRssMb(),
    // getrusage's figure, kept for comparison with earlier results: it includes the bench process's RSS at the spawn.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    startRssMb: rssBefore / 1024 / 1024,
    peakBeforeCloseMb,
    // At the end: the JavaScript heap against the whole process (the rest is native: SQLite, sockets).
    heapTotalMb: process.memoryUsage().heapTotal / 1024 / 1024,
    endRssMb: process.memoryUsage().rss / 1024 / 1024,
  }),
);
