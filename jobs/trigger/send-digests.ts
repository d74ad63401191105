// Scheduler, hourly on the hour (UTC, from the send-digests definition): sends the digests due this hour in
// batches of 100. Each contact's digest is keyed by its period, so a retried run sends none twice.
import { schedules } from "@trigger.dev/sdk";
import { sendDigestsJob } from "@/jobs/send-digests";
import { resendLimit } from "./email-limit";
import { EMAIL_TASK_RETRY, retryWhenResendSays } from "./email-retry";
import { schedulerContext } from "./fan-out";

export const sendDigestsTask = schedules.task({
  id: sendDigestsJob.id,
  cron: sendDigestsJob.cron,
  description: sendDigestsJob.description,
  concurrency: resendLimit,
  retry: EMAIL_TASK_RETRY,
  catchError: (params) => retryWhenResendSays(params),
  maxDuration: 900,
  run: (payload, { ctx }) => sendDigestsJob.run(schedulerContext(payload.timestamp, ctx)),
});
