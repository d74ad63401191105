// Figure 2, "Alerts tab at scale" (issues 7 and 18): 1,000,000 alerts over 200 merchants and 2,000,000 orders.
// Server response time of /alerts for a warehouse user — default view, a kind filter, an order-number search,
// page 500 of a filter — against the production build on the embedded database, beside /login and a settings
// page in the same run. Targets: p95 under 60 ms each (issue 7); p95 ≤ 2× /login's p95, and the settings page
// ≤ 1.3× (issue 18), as ratios run by run. Prints every statement's EXPLAIN QUERY PLAN and flags full scans, and,
// as what bounds each figure, the server's CPU per request by layer from a profiled server per page.
//   BENCH_REUSE=1       reuse data/bench/alerts.db if it exists (skips the generator)
//   BENCH_RUNS, BENCH_REQUESTS, BENCH_WARMUP   runs per view, timed requests per run, warm-up requests
//   BENCH_PROFILE=0     skip the profiled servers
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BENCH_USER, SCALE, generateAlertsDatabase } from "./alerts/generate";
import { captureViewQueries, explainQueries, shortSql, type QueryReport } from "./alerts/plans";
import { PAGE_SIZE, chooseViews } from "./alerts/views";
import { layerTimesPerRequest, monotonicMicros, type LayerTimes } from "./lib/profile";
import { writeResults, type Row, type Table } from "./lib/results";
import { ROOT, ensureBuild, freshDatabaseFile, signInCookie, startApp } from "./lib/server";
import { median, percentile, round } from "./lib/stats";

const TARGET_P95_MS = 60;
// Issue 18: each Alerts view at p95 ≤ 2× the p95 of /login in the same run, the signed-in floor (a settings page) ≤ 1.3×.
const TARGET_VIEW_RATIO = 2;
const TARGET_FLOOR_RATIO = 1.3;
const LOGIN = "reference: /login (signed out)";
const FLOOR = "reference: /settings/profile";
const PROFILE = process.env.BENCH_PROFILE !== "0";
const PROFILED_REQUESTS = 60;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);

process.chdir(ROOT);
const reusable = join(ROOT, "data", "bench", "alerts.db");
let generatorSeconds: number | null = null;
let file = reusable;
if (process.env.BENCH_REUSE === "1" && existsSync(reusable)) {
  console.log(`Reusing ${reusable}`);
} else {
  file = freshDatabaseFile("alerts");
  console.log(
    `Generating ${SCALE.alerts.toLocaleString("en")} alerts, ${(SCALE.merchants * SCALE.ordersPerMerchant).toLocaleString("en")} orders…`,
  );
  generatorSeconds = round((await generateAlertsDatabase(file)).seconds);
  console.log(`Generated in ${generatorSeconds} s`);
}

const views = await chooseViews(file);
// What the framework costs without the Alerts tab's data, measured the same way: the floor under the figure.
const searched = views.find((v) => v.query.q)!.query.q!;
const references = [
  { name: LOGIN, path: "/login" },
  { name: FLOOR, path: "/settings/profile" },
  // The Orders page's search over the same 2,000,000 orders, through its trigram index (migration 0008).
  { name: "reference: /orders search", path: `/orders?${new URLSearchParams({ q: searched })}` },
];
ensureBuild();
const app = await startApp({ databaseFile: file });
const samples = new Map<string, { p50: number[]; p95: number[]; rows: number; bytes: number }>();
const pages = [...views.map((v) => ({ name: v.name, path: `/alerts?${new URLSearchParams(v.query)}` })), ...references];
try {
  const cookie = await signInCookie(app.url, BENCH_USER.email, BENCH_USER.password);
  for (let run = 1; run <= RUNS; run++) {
    for (const view of pages) {
      const url = `${app.url}${view.path}`;
      for (let i = 0; i < WARMUP; i++) await timedGet(url, cookie);
      const times: number[] = [];
      let rows = 0;
      let bytes = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const { ms, body } = await timedGet(url, cookie);
        times.push(ms);
        rows = (body.match(/data-testid="alert-row"/g) ?? []).length;
        bytes = body.length;
      }
      const entry = samples.get(view.name) ?? { p50: [], p95: [], rows, bytes };
      entry.p50.push(percentile(times, 50));
      entry.p95.push(percentile(times, 95));
      samples.set(view.name, entry);
      console.log(`run ${run} ${view.name.padEnd(22)} p50 ${round(percentile(times, 50))} ms  p95 ${round(percentile(times, 95))} ms`);
    }
  }
} finally {
  await app.stop();
}

/** p95 ÷ the p95 of /login, run by run (the machine's load moves both), then the median of the runs. */
function ratioToLogin(name: string): number {
  const login = samples.get(LOGIN)!.p95;
  return round(median(samples.get(name)!.p95.map((p95, run) => p95 / login[run]!)), 2);
}

// What bounds each figure: the server's CPU time per request by layer, from a profiled server per page.
const layers = new Map<string, LayerTimes>();
if (PROFILE) {
  for (const page of pages) {
    const dir = join(ROOT, "data", "bench", "alerts-prof");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const window = { from: 0, to: 0 };
    const profiled = await startApp({ databaseFile: file, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
    try {
      const cookie = await signInCookie(profiled.url, BENCH_USER.email, BENCH_USER.password);
      for (let i = 0; i < 2 * WARMUP; i++) await timedGet(`${profiled.url}${page.path}`, cookie);
      window.from = monotonicMicros();
      for (let i = 0; i < PROFILED_REQUESTS; i++) await timedGet(`${profiled.url}${page.path}`, cookie);
      window.to = monotonicMicros();
    } finally {
      await profiled.stop();
    }
    // Only the samples taken during the timed requests count: not start-up, sign-in or warm-up.
    layers.set(page.name, layerTimesPerRequest(dir, PROFILED_REQUESTS, window));
    console.log(`profiled ${page.name}`);
  }
}

const now = new Date();
const plans = new Map<string, QueryReport[]>();
for (const view of views)
  plans.set(view.name, await explainQueries(file, await captureViewQueries(file, BENCH_USER.email, view.query, now)));

const figure: Row[] = views.map((view) => {
  const s = samples.get(view.name)!;
  const p95 = round(median(s.p95));
  const reports = plans.get(view.name)!;
  return {
    view: view.name,
    url: `/alerts?${new URLSearchParams(view.query)}`.replace(/\?$/, ""),
    "alerts shown": s.rows,
    "HTML KB": round(s.bytes / 1024),
    "p50 ms": round(median(s.p50)),
    "p95 ms": p95,
    [`p95 < ${TARGET_P95_MS} ms`]: p95 < TARGET_P95_MS ? "yes" : "NO",
    "p95 ÷ /login p95": ratioToLogin(view.name),
    [`≤ ${TARGET_VIEW_RATIO}×`]: ratioToLogin(view.name) <= TARGET_VIEW_RATIO ? "yes" : "NO",
    statements: reports.length,
    "full scans": reports.reduce((n, r) => n + r.fullScans.length, 0),
    "statements ms (sum, in-process)": round(reports.reduce((sum, r) => sum + r.ms, 0)),
    "slowest statement ms": Math.max(...reports.map((r) => r.ms)),
  };
});
for (const ref of references) {
  const s = samples.get(ref.name)!;
  figure.push({
    view: ref.name,
    url: ref.path,
    "HTML KB": round(s.bytes / 1024),
    "p50 ms": round(median(s.p50)),
    "p95 ms": round(median(s.p95)),
    "p95 ÷ /login p95": ratioToLogin(ref.name),
    ...(ref.name === FLOOR
      ? { [`≤ ${TARGET_VIEW_RATIO}×`]: `${ratioToLogin(ref.name) <= TARGET_FLOOR_RATIO ? "yes" : "NO"} (floor: ≤ ${TARGET_FLOOR_RATIO}×)` }
      : {}),
  });
}
const layerNames = [...new Set([...layers.values()].flatMap((l) => Object.keys(l)))];
const bounds: Row[] = pages.map((page) => {
  const l = layers.get(page.name) ?? {};
  const total = Object.values(l).reduce((a, b) => a + b, 0);
  return { page: page.name, "CPU ms per request": round(total), ...Object.fromEntries(layerNames.map((n) => [n, round(l[n] ?? 0)])) };
});
const tables: Table[] = [
  {
    title: `Server response time of /alerts, warehouse user (median of ${RUNS} runs × ${REQUESTS} sequential requests after ${WARMUP} warm-up)`,
    rows: figure,
  },
  ...(PROFILE
    ? [
        {
          title: `What bounds each figure: the server's CPU ms per request by layer (self time; a profiled server per page, ${PROFILED_REQUESTS} requests after ${WARMUP} warm-up)`,
          rows: bounds,
        },
      ]
    : []),
  ...views.map((view) => ({
    title: `Statements of "${view.name}" (layout + page), in-process median of 5, with EXPLAIN QUERY PLAN`,
    rows: plans.get(view.name)!.map((r, n) => ({
      "#": n + 1,
      ms: r.ms,
      flags:
        [r.fullScans.length ? "FULL SCAN" : "", r.indexScans.length ? "index walk" : "", r.tempBTrees.length ? "temp b-tree" : ""]
          .filter(Boolean)
          .join(", ") || "—",
      plan: r.plan.map((line) => line.replace(/^( +)/, (m) => "·".repeat(m.length))).join(" <br> "),
      sql: shortSql(r.sql).slice(0, 400),
    })),
  })),
];
writeResults("alerts", "Figure 2 — Alerts tab at scale", tables, [
  `Data: ${SCALE.alerts.toLocaleString("en")} alerts (12 % open, a tenth of those snoozed; 78 % resolved; 10 % dismissed; 8 kinds), ${(SCALE.merchants * SCALE.ordersPerMerchant).toLocaleString("en")} orders, ${SCALE.merchants} merchants served by one warehouse; generated by bench/alerts/generate.ts${generatorSeconds === null ? " (reused file)" : ` in ${generatorSeconds} s`}.`,
  `Server response time = time to the full HTML body of a GET with the warehouse admin's session cookie, next start (production build), jobs off, page size ${PAGE_SIZE}.`,
  `What bounds a view: its statements (the in-process sum above; the database work), then rendering and sending its HTML — the merchant filter alone is one option per merchant (${SCALE.merchants}; a warehouse's connections are listed once a merchant is chosen) — on top of the floor the reference rows show (a signed-in page with little data). The machine's cores are shared with other work, so run-to-run spread is large: see the runs printed above the table.`,
  `"index walk" = SCAN … USING INDEX: acceptable only where a LIMIT or the index order bounds it; "FULL SCAN" = a table read end to end (the figure allows none).`,
]);

async function timedGet(url: string, cookie: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const answer = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await answer.text();
  const ms = performance.now() - started;
  if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status} ${answer.headers.get("location") ?? ""}`);
  return { ms, body };
}
