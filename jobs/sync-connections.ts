// Every minute: each connection whose sync interval has come round gets its sync — new orders go to the
// WMS, tracking and inventory are (re)tried toward the cart (docs/rules.md#r2) — closed windows are skipped, and webhook
// events answered but never processed (the process stopped after its 202) are processed.
import { connectionsDueForSync } from "@/lib/retry/find-due";
import { processPendingReceipts } from "@/lib/webhooks/process-pending-receipts";
import { connectionJob } from "./connection-job";

export const syncConnections = connectionJob({
  id: "sync-connections",
  cron: "* * * * *",
  description: "Sync each connection at its interval: send new orders, retry tracking and inventory.",
  mode: "sync",
  async alsoPrepare(ctx) {
    const receipts = await processPendingReceipts(ctx.db, { now: ctx.now, send: ctx.send, owner: ctx.owner });
    if (receipts.processed + receipts.failed + receipts.later) {
      ctx.log(`sync-connections: webhook events left unprocessed: ${receipts.processed} processed, ${receipts.failed} failed, ${receipts.later} still waiting`);
    }
  },
  findConnections: (ctx) => connectionsDueForSync(ctx.db, ctx.now),
});
