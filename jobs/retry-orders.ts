// Every 5 minutes, due-driven: retries every failed order whose hour since its last try has come round (docs/rules.md#r1), so
// each is tried again 60–65 minutes after the last try (docs/rules.md#r9; at :00 only, a failure at 19:03 waited for 21:00),
// and skips those whose 15-day window has closed; records are leased before they are sent, so no order goes
// out twice at once (docs/rules.md#r7). See docs/delivery-states.md.
import { connectionsWithDueOrders } from "@/lib/retry/find-due";
import { connectionJob } from "./connection-job";

export const retryOrders = connectionJob({
  id: "retry-orders",
  cron: "*/5 * * * *",
  description: "Every 5 minutes: retry each failed order an hour after its last try, for 15 days, then skip it.",
  mode: "retry",
  findConnections: (ctx) => connectionsWithDueOrders(ctx.db, ctx.now),
});
