// The suite on a libSQL server (npm run test:server): starts the test server (Hrana over HTTP, as sqld and Turso
// speak it), then runs the unit tests and the browser tests with their databases on it (TEST_LIBSQL_SERVER), and
// prints how many tests ran in each. `--unit` or `--e2e` runs one of the two (`--unit -- lib/retry` some unit
// tests); `--latency <ms>` adds a delay to every round trip.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startHranaServer } from "../lib/testing/hrana-server/server";

const { values, positionals } = parseArgs({
  options: { unit: { type: "boolean" }, e2e: { type: "boolean" }, latency: { type: "string", default: "0" } },
  allowPositionals: true,
});
const both = !values.unit && !values.e2e;
const dir = mkdtempSync(join(tmpdir(), "fixline-libsql-"));
const server = await startHranaServer({ dir, latencyMs: Number(values.latency) });
console.log(`test:server — libSQL test server at ${server.url} (${server.latencyMs} ms per round trip)`);
const env = { ...process.env, TEST_LIBSQL_SERVER: server.url };

function run(command: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");
const counts: string[] = [];
let failed = false;
if (both || values.unit) {
  const unit = await run("node_modules/.bin/vitest", ["run", ...positionals]);
  const tests = /Tests\s+(.+)/.exec(plain(unit.out))?.[1]?.trim() ?? "(no count)";
  counts.push(`unit tests on the libSQL server: ${tests}`);
  failed ||= unit.code !== 0;
}
if (both || values.e2e) {
  const build = await run("node_modules/.bin/tsx", ["scripts/ensure-chromium.ts"]);
  const next = build.code === 0 ? await run("node_modules/.bin/next", ["build"]) : build;
  const e2e = next.code === 0 ? await run("node_modules/.bin/playwright", ["test"]) : next;
  const passed = /(\d+) passed/.exec(plain(e2e.out))?.[1] ?? "0";
  const failing = /(\d+) failed/.exec(plain(e2e.out))?.[1];
  counts.push(`browser tests on the libSQL server: ${passed} passed${failing ? `, ${failing} failed` : ""}`);
  failed ||= e2e.code !== 0;
}
await server.close();
rmSync(dir, { recursive: true, force: true });
console.log(["", "test:server —", ...counts.map((c) => `  ${c}`)].join("\n"));
process.exit(failed ? 1 : 0);
