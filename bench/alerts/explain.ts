// `tsx bench/alerts/explain.ts [file] [repeats]`: the statements of each figure-2 view with their query
// plans and in-process times, without starting a server — the quick loop for working on the queries.
import { join } from "node:path";
import { ROOT } from "../lib/server";
import { BENCH_USER } from "./generate";
import { captureViewQueries, explainQueries, shortSql } from "./plans";
import { chooseViews } from "./views";

process.chdir(ROOT);
const file = process.argv[2] ?? join(ROOT, "data", "bench", "alerts.db");
const repeats = Number(process.argv[3] ?? 1);
const now = new Date();
for (const view of await chooseViews(file)) {
  const reports = await explainQueries(file, await captureViewQueries(file, BENCH_USER.email, view.query, now), repeats);
  const total = reports.reduce((sum, r) => sum + r.ms, 0);
  console.log(`\n=== ${view.name} ${JSON.stringify(view.query)} — ${reports.length} statements, ${total.toFixed(1)} ms in sequence`);
  for (const [n, r] of reports.entries()) {
    const flags = [r.fullScans.length ? "FULL SCAN" : "", r.indexScans.length ? "index walk" : "", r.tempBTrees.length ? "temp b-tree" : ""]
      .filter(Boolean)
      .join(", ");
    console.log(`#${n + 1} ${r.ms} ms ${flags}\n  ${shortSql(r.sql).slice(0, 300)}\n${r.plan.map((l) => `    ${l}`).join("\n")}`);
  }
}
