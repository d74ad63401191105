// `npm run worker`: stores and applies webhook events in a process of its own, beside `npm start`, against the same
// DATABASE_URL (docs/deploy.md#worker). While it runs the app verifies and answers events, stores them through it on
// an embedded file (one process writes), and leaves applying them to it, on another core
// (docs/decisions/0014-a-webhook-worker-process.md). Stop it with SIGTERM or Ctrl-C: the events being applied
// finish, its heartbeat is removed, and the app stores and applies events itself again.
//   npm run worker -- [--concurrency 2] [--poll-ms 100]
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { httpSender } from "../lib/connectors/send";
import { startReceiptWorker, type ReceiptWorker } from "../lib/webhooks/receipt-worker";
import { startStoreServer } from "../lib/webhooks/worker-store";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "2" },
    "poll-ms": { type: "string", default: "100" },
  },
});
const concurrency = Number(values.concurrency);
const pollMs = Number(values["poll-ms"]);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
  console.error(`--concurrency must be a whole number from 1 to 64, not "${values.concurrency}".`);
  process.exit(2);
}
if (!Number.isFinite(pollMs) || pollMs < 1 || pollMs > 10_000) {
  console.error(`--poll-ms must be a number of milliseconds from 1 to 10000, not "${values["poll-ms"]}".`);
  process.exit(2);
}

const database = openDatabase();
// The app migrates on start too; whichever comes first does it, the other finds nothing to do.
await migrateDatabase(database);
const id = `${hostname()}:${process.pid}`;
const token = randomBytes(24).toString("base64url");
// Stored receipts wake the worker: an event the app handed over is applied at once, not at the next poll.
const started: { worker?: ReceiptWorker } = {};
const store = await startStoreServer({
  db: database.db,
  token,
  onStored: (stored, appInFlight) => {
    started.worker?.noteAppInFlight(appInFlight);
    if (stored.receipt.status === "accepted") started.worker?.wake(stored.receipt.id);
  },
});
const worker = startReceiptWorker({
  db: database.db,
  send: httpSender(),
  id,
  store: { address: store.address, token },
  concurrency,
  pollMs,
});
started.worker = worker;
console.log(`Fixline webhook worker ${id}: applying events from ${database.url} (${concurrency} at a time)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([worker.stop(), store.close()]).then(() => {
      console.log(`Fixline webhook worker ${id}: stopped after applying ${worker.applied} event(s)`);
      database.client.close();
      process.exit(0);
    });
  });
}
