// Scheduler, every minute (UTC, from the send-alert-emails definition): sends the alert emails that are due
// at once, in this run. A retried run sends nothing twice (one outbox row per idempotency key).
import { schedules } from "@trigger.dev/sdk";
import { sendAlertEmailsJob } from "@/jobs/send-alert-emails";
import { resendLimit } from "./email-limit";
import { EMAIL_TASK_RETRY, retryWhenResendSays } from "./email-retry";
import { schedulerContext } from "./fan-out";

export const sendAlertEmailsTask = schedules.task({
  id: sendAlertEmailsJob.id,
  cron: sendAlertEmailsJob.cron,
  description: sendAlertEmailsJob.description,
  concurrency: resendLimit,
  retry: EMAIL_TASK_RETRY,
  catchError: (params) => retryWhenResendSays(params),
  maxDuration: 300,
  run: (payload, { ctx }) => sendAlertEmailsJob.run(schedulerContext(payload.timestamp, ctx)),
});
