// `npm run bench`: builds the app once, then runs every figure in turn, each as its own process so one
// figure's memory and open handles never weigh on the next. Each writes its table to bench/results/.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./lib/server";

const FIGURES = ["ingest.ts", "alerts.ts", "sweep.ts", "digests.ts", "soak/index.ts"];
const only = process.argv.slice(2);

const built = spawnSync(join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);

const failed: string[] = [];
for (const figure of FIGURES.filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))) {
  console.log(`\n=== bench/${figure} ===`);
  const run = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join("bench", figure)], { cwd: ROOT, stdio: "inherit" });
  if (run.status !== 0) failed.push(figure);
}
if (failed.length) {
  console.error(`\nThese figures did not complete: ${failed.join(", ")}`);
  process.exit(1);
}
console.log("\nAll figures written to bench/results/.");
