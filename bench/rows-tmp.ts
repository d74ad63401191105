import { createClient } from "@libsql/client";
import { join } from "node:path";
import { BENCH_USER } from "./alerts/generate";
import { captureViewQueries, shortSql } from "./alerts/plans";
const file = join(process.cwd(), "data/bench/alerts.db");
const q = Object.fromEntries(new URLSearchParams(process.argv[2] ?? ""));
const qs = await captureViewQueries(file, BENCH_USER.email, q, new Date());
const c = createClient({ url: `file:${file}` });
for (const x of qs) {
  const t = performance.now();
  const r = await c.execute({ sql: x.sql, args: x.params });
  console.log(String(r.rows.length).padStart(5), (performance.now() - t).toFixed(1).padStart(6), shortSql(x.sql).slice(0, 150));
}
