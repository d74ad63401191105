import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, deliveries, type Connection } from "@/db/schema";
import { retrySettings, type EngineContext } from "../core/context";
import type { ClaimFilter } from "./claim";
import { ConnectionRun, emptySummary, type ProcessSummary, type RunOptions } from "./connection-run";
import { SCHEDULE_SLACK_MS, type RetrySettings } from "./policy";

/** `retry`: the hourly retry of failed orders (docs/rules.md#r1). `sync`: a connection's sync — its first sends and its retries (docs/rules.md#r2). */
export type ProcessMode = "retry" | "sync";

/** One connection's run: which connection, for which job, and the run's own hooks. */
export type ProcessInput = RunOptions & { connectionId: number; mode: ProcessMode };

function filterFor(connection: Connection, mode: ProcessMode): ClaimFilter {
  if (mode === "retry") return { connectionId: connection.id, kinds: ["order_to_wms"], statuses: ["retrying", "pending"] };
  if (connection.kind === "cart")
    return { connectionId: connection.id, kinds: ["tracking_to_cart", "inventory_to_cart"], statuses: ["pending", "retrying"] };
  return { connectionId: connection.id, kinds: ["order_to_wms"], statuses: ["pending"] };
}

/** Everything a connection is owed, whatever the job: what a probe takes from and what a recovered connection drains. */
function backlogFilter(connection: Connection): ClaimFilter {
  const kinds = connection.kind === "cart" ? (["tracking_to_cart", "inventory_to_cart"] as const) : (["order_to_wms"] as const);
  return { connectionId: connection.id, kinds: [...kinds], statuses: ["pending", "retrying"] };
}

/**
 * Takes this probe interval's one probe of a down connection, atomically: two jobs (or two processes) that find
 * it down at once send one probe between them, and none until the interval has passed.
 */
async function takeProbeTurn(db: Db, connectionId: number, now: Date, settings: RetrySettings): Promise<boolean> {
  const since = new Date(now.getTime() - settings.probeIntervalMs + SCHEDULE_SLACK_MS);
  const taken = await db
    .update(connections)
    .set({ lastProbeAt: now })
    .where(and(eq(connections.id, connectionId), or(isNull(connections.lastProbeAt), lte(connections.lastProbeAt, since))))
    .returning({ id: connections.id });
  return taken.length > 0;
}

/** A probe was answered: everything the outage held back is due now, not at its next hourly or sync turn (docs/rules.md#r10). */
async function makeBacklogDue(db: Db, filter: ClaimFilter, now: Date) {
  await db
    .update(deliveries)
    .set({ nextAttemptAt: now })
    .where(
      and(
        eq(deliveries.connectionId, filter.connectionId),
        inArray(deliveries.kind, filter.kinds),
        inArray(deliveries.status, filter.statuses),
        gt(deliveries.nextAttemptAt, now),
      ),
    );
}

/**
 * Works through one connection's due records, oldest first, a claimed batch at a time, with up to
 * `sendConcurrency` attempts in flight (see send-window.ts) and their outcomes written in group commits.
 * A paused connection is left alone. A connection that is down gets one probe per probe interval, whichever
 * job comes by; if the probe is answered, its whole backlog — every kind, due or not — is drained one record
 * at a time at a bounded rate (docs/delivery-states.md).
 */
export async function processConnection(ctx: EngineContext, input: ProcessInput): Promise<ProcessSummary> {
  const { db, now } = ctx;
  const { connectionId, mode, ...options } = input;
  const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
  if (!connection || connection.pausedAt) return emptySummary(connectionId);
  if (mode === "sync") await db.update(connections).set({ lastSyncAt: now }).where(eq(connections.id, connectionId));
  const run = new ConnectionRun(ctx, connection, filterFor(connection, mode), options);
  if (!connection.downSince) return run.drain(false);
  if (!(await takeProbeTurn(db, connection.id, now, retrySettings(ctx)))) return run.summary;
  const backlog = backlogFilter(connection);
  if (!(await run.probe(backlog))) return run.summary;
  await makeBacklogDue(db, backlog, now);
  return run.drain(true);
}
