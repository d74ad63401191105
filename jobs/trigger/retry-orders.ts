// Scheduler, every 5 minutes (UTC, from the retry-orders definition): prepares, then triggers one
// process-connection run per connection with failed orders due, at most once per connection and scheduled time.
import { schedules } from "@trigger.dev/sdk";
import { retryOrders } from "@/jobs/retry-orders";
import { fanOutConnections, schedulerContext } from "./fan-out";
import { processConnectionTask } from "./process-connection";

export const retryOrdersTask = schedules.task({
  id: retryOrders.id,
  cron: retryOrders.cron,
  description: retryOrders.description,
  maxDuration: 300,
  run: (payload, { ctx }) =>
    fanOutConnections(retryOrders, schedulerContext(payload.timestamp, ctx), (items) => processConnectionTask.batchTrigger(items), {
      // A run still queued when the next run's arrive would only repeat their work.
      ttl: "4m",
    }),
});
