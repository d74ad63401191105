// Hourly at :00 UTC: retries every failed order whose hour has come round (R1) and skips those whose 15-day
// window has closed; records are leased before they are sent, so no order goes out twice at once (R7).
import { connectionsWithDueOrders } from "@/lib/retry/find-due";
import { processConnection } from "@/lib/retry/process-connection";
import { skipExpiredDeliveries } from "@/lib/retry/skip-delivery";
import type { ConnectionJob } from "./types";

export const retryOrders: ConnectionJob = {
  id: "retry-orders",
  cron: "0 * * * *",
  description: "Retry failed orders to the WMS once an hour for 15 days, then skip them.",
  async prepare(ctx) {
    const skipped = await skipExpiredDeliveries(ctx.db, ctx.now);
    if (skipped) ctx.log(`retry-orders: skipped ${skipped} records whose retry window closed`);
  },
  findConnections: (ctx) => connectionsWithDueOrders(ctx.db, ctx.now),
  processConnection: (ctx, connectionId) =>
    processConnection(ctx.db, connectionId, "retry", { now: ctx.now, send: ctx.send, owner: ctx.owner }),
};
