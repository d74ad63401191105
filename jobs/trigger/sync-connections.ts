// Scheduler, every minute (UTC, from the sync-connections definition): prepares, then triggers one
// process-connection run per connection due a sync, at most once per connection and minute.
import { schedules } from "@trigger.dev/sdk";
import { syncConnections } from "@/jobs/sync-connections";
import { fanOutConnections, schedulerContext } from "./fan-out";
import { processConnectionTask } from "./process-connection";

export const syncConnectionsTask = schedules.task({
  id: syncConnections.id,
  cron: syncConnections.cron,
  description: syncConnections.description,
  maxDuration: 120,
  run: (payload, { ctx }) =>
    fanOutConnections(syncConnections, schedulerContext(payload.timestamp, ctx), (items) => processConnectionTask.batchTrigger(items), {
      // A slow connection queues at most a few minutes of syncs behind its running one.
      ttl: "5m",
    }),
});
