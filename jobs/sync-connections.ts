// Every minute: each connection whose sync interval has come round gets its sync — new orders go to the
// WMS, tracking and inventory are (re)tried toward the cart (docs/rules.md#r2) — each down connection whose probe is due gets
// its probe (and, if answered, its backlog drained: docs/rules.md#r10), closed windows are skipped, and webhook
// events answered but never processed (the process stopped after its 202) are processed.
import { connectionsDueForProbe, connectionsDueForSync } from "@/lib/retry/find-due";
import { DEFAULT_RETRY_SETTINGS } from "@/lib/retry/policy";
import { processPendingReceipts } from "@/lib/webhooks/process-pending-receipts";
import { connectionJob } from "./connection-job";

export const syncConnections = connectionJob({
  id: "sync-connections",
  cron: "* * * * *",
  description: "Sync each connection at its interval: send new orders, retry tracking and inventory.",
  mode: "sync",
  async alsoPrepare(ctx) {
    const receipts = await processPendingReceipts(ctx);
    if (receipts.processed + receipts.failed + receipts.later) {
      ctx.log(
        `sync-connections: webhook events left unprocessed: ${receipts.processed} processed, ${receipts.failed} failed, ${receipts.later} still waiting`,
      );
    }
  },
  // Down connections join in at each probe interval, whatever their sync interval (docs/rules.md#r10).
  async findConnections(ctx) {
    const due = await connectionsDueForSync(ctx.db, ctx.now);
    const probes = await connectionsDueForProbe(ctx.db, ctx.now, DEFAULT_RETRY_SETTINGS.probeIntervalMs);
    return [...new Set([...due, ...probes])].sort((a, b) => a - b);
  },
});
