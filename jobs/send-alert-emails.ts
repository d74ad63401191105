// Every minute: emails what cannot wait — alerts that need a person, skipped records, records 48 h from being
// skipped, connections down and back up — once per alert, kind and contact, however often a run is retried.
import { sendAlertEmails } from "@/lib/notify/send-alert-emails";
import { emailDeps } from "./email-deps";
import type { SweepJob } from "./types";

export const sendAlertEmailsJob: SweepJob = {
  id: "send-alert-emails",
  cron: "* * * * *",
  description: "Email alerts that need a person, skipped records, records about to be skipped and outages, at once.",
  async run(ctx) {
    const { sent, rejected } = await sendAlertEmails(ctx.db, emailDeps(ctx.now));
    if (sent || rejected) ctx.log(`send-alert-emails ${ctx.now.toISOString()}: sent ${sent}, refused ${rejected}`);
  },
};
