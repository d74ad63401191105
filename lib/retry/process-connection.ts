import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, type Connection } from "@/db/schema";
import { attemptDelivery, type AttemptResult, type EngineDeps } from "./attempt-delivery";
import { claimDueDeliveries, releaseClaims, type ClaimFilter } from "./claim";
import { DEFAULT_RETRY_SETTINGS } from "./policy";

/** `retry`: the hourly retry of failed orders (R1). `sync`: a connection's sync — its first sends and R2 retries. */
export type ProcessMode = "retry" | "sync";

export type ProcessDeps = EngineDeps & {
  owner: string;
  /** Real time for leases; defaults to the later of `now` and the clock. */
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
};

export type ProcessSummary = {
  connectionId: number;
  attempted: number;
  succeeded: number;
  failed: number;
  held: number;
  skipped: number;
  probed: boolean;
};

function filterFor(connection: Connection, mode: ProcessMode): ClaimFilter {
  if (mode === "retry") return { connectionId: connection.id, kinds: ["order_to_wms"], statuses: ["retrying", "pending"] };
  if (connection.kind === "cart") return { connectionId: connection.id, kinds: ["tracking_to_cart", "inventory_to_cart"], statuses: ["pending", "retrying"] };
  return { connectionId: connection.id, kinds: ["order_to_wms"], statuses: ["pending"] };
}

/**
 * Works through one connection's due records, oldest first, a claimed batch at a time. A connection that
 * is down gets one probe; if the probe is answered, the backlog is drained at a bounded rate.
 */
export async function processConnection(db: Db, connectionId: number, mode: ProcessMode, deps: ProcessDeps): Promise<ProcessSummary> {
  const settings = deps.settings ?? DEFAULT_RETRY_SETTINGS;
  const summary: ProcessSummary = { connectionId, attempted: 0, succeeded: 0, failed: 0, held: 0, skipped: 0, probed: false };
  const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
  if (!connection) return summary;
  if (mode === "sync") await db.update(connections).set({ lastSyncAt: deps.now }).where(eq(connections.id, connectionId));
  const filter = filterFor(connection, mode);
  const leaseNow = () => deps.clock?.() ?? new Date(Math.max(deps.now.getTime(), Date.now()));
  const claim = (limit: number) =>
    claimDueDeliveries(db, filter, { now: deps.now, leaseNow: leaseNow(), leaseMs: settings.leaseMs, owner: deps.owner, limit });
  const tally = (r: AttemptResult) => {
    summary.attempted += r.result === "skipped" ? 0 : 1;
    if (r.result === "succeeded") summary.succeeded++;
    else if (r.result === "retrying") summary.failed++;
    else if (r.result === "held") summary.held++;
    else summary.skipped++;
  };

  let paced = false;
  if (connection.downSince) {
    const [probe] = await claim(1);
    if (!probe) return summary;
    summary.probed = true;
    const result = await attemptDelivery(db, probe, deps);
    tally(result);
    if (result.connectionDown) return summary;
    paced = true;
  }
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (;;) {
    const batch = await claim(settings.batchSize);
    if (batch.length === 0) return summary;
    for (const [index, delivery] of batch.entries()) {
      const result = await attemptDelivery(db, delivery, deps);
      tally(result);
      if (result.connectionDown) {
        await releaseClaims(db, batch.slice(index + 1).map((d) => d.id), deps.owner);
        return summary;
      }
      // After an outage the backlog goes out at a bounded rate, so the recovering system is not flooded.
      if (paced) await sleep(1000 / settings.drainPerSecond);
    }
  }
}
