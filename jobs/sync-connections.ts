// Every minute: each connection whose sync interval has come round gets its sync — new orders go to the
// WMS, tracking and inventory are (re)tried toward the cart (R2) — and closed windows are skipped.
import { connectionsDueForSync } from "@/lib/retry/find-due";
import { connectionJob } from "./connection-job";

export const syncConnections = connectionJob({
  id: "sync-connections",
  cron: "* * * * *",
  description: "Sync each connection at its interval: send new orders, retry tracking and inventory.",
  mode: "sync",
  findConnections: (ctx) => connectionsDueForSync(ctx.db, ctx.now),
});
