// Hourly at :00 UTC: sends each contact the digest its frequency says is due (hourly on the hour, daily at
// 08:00 UTC, weekly on Mondays at 08:00 UTC), at most once per contact and period even when run twice.
import { sendDigests } from "@/lib/notify/send-digests";
import { emailDeps } from "./email-deps";
import type { SweepJob } from "./types";

export const sendDigestsJob: SweepJob = {
  id: "send-digests",
  cron: "0 * * * *",
  description: "Send each alert contact its hourly, daily or weekly digest when it is due.",
  async run(ctx) {
    const { due, sent, rejected, empty, replayed } = await sendDigests(ctx.db, emailDeps(ctx.now));
    if (replayed) ctx.log(`send-digests ${ctx.now.toISOString()}: ${replayed} digest(s) of an unfinished run sent again as planned`);
    if (due) ctx.log(`send-digests ${ctx.now.toISOString()}: ${due} due, sent ${sent}, refused ${rejected}, ${empty} with nothing new`);
  },
};
