// The test libSQL server alone (Hrana over HTTP on the embedded engine; lib/testing/hrana-server/server.ts):
//   npm run hrana-server -- [--port 8080] [--dir data/hrana] [--latency <ms per round trip>]
// Then DATABASE_URL=http://127.0.0.1:8080 runs the app on it as on Turso. Test tooling, never for production.
import { parseArgs } from "node:util";
import { startHranaServer } from "../lib/testing/hrana-server/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    dir: { type: "string", default: "data/hrana" },
    latency: { type: "string", default: "0" },
  },
});
const server = await startHranaServer({ dir: values.dir, port: Number(values.port), latencyMs: Number(values.latency) });
console.log(`libSQL test server (Hrana over HTTP) at ${server.url}, files in ${values.dir}, ${server.latencyMs} ms per round trip`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
