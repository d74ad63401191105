// The soak's engine process: the retry engine's sweeps back to back, as the job worker runs them, on a
// compressed clock (`speed` engine-hours per real hour) so that five real minutes hold many hourly retries
// (docs/rules.md#r1). Leases are taken on the real clock, so they mean the same to this process and to the app's own
// sends. Killed with SIGKILL by bench/soak/index.ts and started again: what it had leased comes back
// when the lease runs out.
import { randomBytes } from "node:crypto";
import { openDatabase } from "@/db/client";
import { httpSender } from "@/lib/connectors/send";
import { connectionsDueForProbe, connectionsDueForSync, connectionsWithDueOrders } from "@/lib/retry/find-due";
import { DEFAULT_RETRY_SETTINGS } from "@/lib/retry/policy";
import { processConnection, type ProcessMode } from "@/lib/retry/process-connection";
import { skipExpiredDeliveries } from "@/lib/retry/skip-delivery";
import { processPendingReceipts } from "@/lib/webhooks/process-pending-receipts";

const [databaseUrl, startMs, speedArg] = process.argv.slice(2);
const t0 = Number(startMs);
const speed = Number(speedArg);
const { db } = openDatabase(databaseUrl!);
const send = httpSender({ timeoutMs: 5_000 });
const owner = `soak-engine:${process.pid}:${randomBytes(3).toString("hex")}`;
// A short lease, so that records held by a killed engine come back within the soak.
const settings = { ...DEFAULT_RETRY_SETTINGS, leaseMs: 30_000 };
const engineNow = () => new Date(t0 + (Date.now() - t0) * speed);
/** The jobs' cadence: a pass every 5 engine minutes, as `retry-orders` runs (docs/rules.md#r1). */
const SLOT_MS = 5 * 60_000;

let passes = 0;
// Passes run at 5-minute slots of the engine clock, paced to the real clock; a slow pass delays the next slot
// rather than skipping it, so each record is tried in the first slot at or after it is due.
let slot = Math.floor(engineNow().getTime() / SLOT_MS) * SLOT_MS;
for (;;) {
  const now = new Date(slot);
  const totals = { attempted: 0, succeeded: 0, failed: 0, skipped: 0 };
  totals.skipped += await skipExpiredDeliveries(db, now);
  await processPendingReceipts({ db, now: new Date(), send, owner });
  const work: [number, ProcessMode][] = [
    ...(await connectionsWithDueOrders(db, now)).map((id): [number, ProcessMode] => [id, "retry"]),
    ...(await connectionsDueForSync(db, now)).map((id): [number, ProcessMode] => [id, "sync"]),
    ...(await connectionsDueForProbe(db, now, settings.probeIntervalMs)).map((id): [number, ProcessMode] => [id, "sync"]),
  ];
  for (const [connectionId, mode] of work) {
    const summary = await processConnection({ db, now, send, owner, settings }, { connectionId, mode, clock: () => new Date() });
    totals.attempted += summary.attempted;
    totals.succeeded += summary.succeeded;
    totals.failed += summary.failed;
  }
  passes++;
  console.log(JSON.stringify({ pass: passes, at: now.toISOString(), ...totals }));
  slot += SLOT_MS;
  const wait = (slot - engineNow().getTime()) / speed;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
