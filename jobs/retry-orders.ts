// Hourly at :00 UTC: retries every failed order whose hour has come round (docs/rules.md#r1) and skips those whose 15-day
// window has closed; records are leased before they are sent, so no order goes out twice at once (docs/rules.md#r7).
import { connectionsWithDueOrders } from "@/lib/retry/find-due";
import { connectionJob } from "./connection-job";

export const retryOrders = connectionJob({
  id: "retry-orders",
  cron: "0 * * * *",
  description: "Retry failed orders to the WMS once an hour for 15 days, then skip them.",
  mode: "retry",
  findConnections: (ctx) => connectionsWithDueOrders(ctx.db, ctx.now),
});
