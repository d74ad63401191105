// Scheduler, every 5 minutes (UTC, from the watch-silence definition): the silence watch in this run. A retried
// run raises nothing twice (one open connection_silent alert per connection).
import { schedules } from "@trigger.dev/sdk";
import { watchSilenceJob } from "@/jobs/watch-silence";
import { schedulerContext } from "./fan-out";

export const watchSilenceTask = schedules.task({
  id: watchSilenceJob.id,
  cron: watchSilenceJob.cron,
  description: watchSilenceJob.description,
  maxDuration: 300,
  run: (payload, { ctx }) => watchSilenceJob.run(schedulerContext(payload.timestamp, ctx)),
});
