// Every minute: each connection whose sync interval has come round gets its sync — new orders go to the
// WMS, tracking and inventory are (re)tried toward the cart (R2) — closed windows are skipped, and webhook
// events answered but never processed (the process stopped after its 202) are processed.
import { connectionsDueForSync } from "@/lib/retry/find-due";
import { processConnection } from "@/lib/retry/process-connection";
import { skipExpiredDeliveries } from "@/lib/retry/skip-delivery";
import { processPendingReceipts } from "@/lib/webhooks/process-pending-receipts";
import type { JobDefinition } from "./types";

export const syncConnections: JobDefinition = {
  id: "sync-connections",
  cron: "* * * * *",
  description: "Sync each connection at its interval: send new orders, retry tracking and inventory.",
  async prepare(ctx) {
    const skipped = await skipExpiredDeliveries(ctx.db, ctx.now);
    if (skipped) ctx.log(`sync-connections: skipped ${skipped} records whose retry window closed`);
    const receipts = await processPendingReceipts(ctx.db, { now: ctx.now, send: ctx.send, owner: ctx.owner });
    if (receipts.processed + receipts.failed + receipts.later) {
      ctx.log(`sync-connections: webhook events left unprocessed: ${receipts.processed} processed, ${receipts.failed} failed, ${receipts.later} still waiting`);
    }
  },
  findConnections: (ctx) => connectionsDueForSync(ctx.db, ctx.now),
  processConnection: (ctx, connectionId) =>
    processConnection(ctx.db, connectionId, "sync", { now: ctx.now, send: ctx.send, owner: ctx.owner }),
};
