// Every minute: each connection whose sync interval has come round gets its sync — new orders go to the
// WMS, tracking and inventory are (re)tried toward the cart (R2) — and closed windows are skipped.
import { connectionsDueForSync } from "@/lib/retry/find-due";
import { processConnection } from "@/lib/retry/process-connection";
import { skipExpiredDeliveries } from "@/lib/retry/skip-delivery";
import type { ConnectionJob } from "./types";

export const syncConnections: ConnectionJob = {
  id: "sync-connections",
  cron: "* * * * *",
  description: "Sync each connection at its interval: send new orders, retry tracking and inventory.",
  async prepare(ctx) {
    const skipped = await skipExpiredDeliveries(ctx.db, ctx.now);
    if (skipped) ctx.log(`sync-connections: skipped ${skipped} records whose retry window closed`);
  },
  findConnections: (ctx) => connectionsDueForSync(ctx.db, ctx.now),
  processConnection: (ctx, connectionId) =>
    processConnection(ctx.db, connectionId, "sync", { now: ctx.now, send: ctx.send, owner: ctx.owner }),
};
