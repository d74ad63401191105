// Every 5 minutes: the silence watch (docs/silence.md) — raises one connection_silent alert for a connection whose
// flow stopped well beyond its normal gap, keeps it up to date, and resolves it when the flow returns. Safe to run
// twice for the same time: it raises at most one open alert per connection (the alert's dedupe key).
import { watchSilence } from "@/lib/silence/watch-silence";
import type { SweepJob } from "./types";

export const watchSilenceJob: SweepJob = {
  id: "watch-silence",
  cron: "*/5 * * * *",
  description:
    "Raise a connection-silent alert for a cart or WMS whose flow stopped well beyond its normal gap; resolve it when it returns.",
  async run(ctx) {
    const results = await watchSilence({ db: ctx.db, now: ctx.now });
    const raised = results.filter((r) => r.raised).length;
    const resolved = results.filter((r) => r.resolved).length;
    if (raised || resolved) ctx.log(`watch-silence ${ctx.now.toISOString()}: ${raised} silent, ${resolved} back`);
  },
};
