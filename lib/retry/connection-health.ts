import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, connections, type Connection } from "@/db/schema";
import { raiseAlert, resolveAlerts } from "../alerts/record-alert";
import type { Outcome } from "../connectors/outcome";
import { formatDateTime } from "../format/time";
import { SYSTEM } from "./actor";
import type { RetrySettings } from "./policy";

/**
 * The outage rule (docs/rules.md#r10): after `outageThreshold` transient failures in a row across a connection's records it is
 * down — one `connection_down` alert, one probe per cycle — and the first answer brings it back up.
 * Returns whether the connection is down after this outcome.
 */
export async function noteConnectionHealth(tx: DbOrTx, connection: Connection, outcome: Outcome, now: Date, settings: RetrySettings) {
  if (outcome.kind !== "transient") {
    // Any answer, even a refusal, shows the system is reachable.
    await tx.update(connections).set({ consecutiveTransientFailures: 0, downSince: null }).where(eq(connections.id, connection.id));
    if (connection.downSince) {
      await resolveAlerts(
        tx,
        and(eq(alerts.connectionId, connection.id), eq(alerts.kind, "connection_down"))!,
        `Back up: a probe was answered at ${formatDateTime(now, "UTC")}. Sending the backlog, oldest first.`,
        SYSTEM,
        now,
      );
    }
    return false;
  }
  const [row] = await tx
    .update(connections)
    .set({ consecutiveTransientFailures: sql`${connections.consecutiveTransientFailures} + 1` })
    .where(eq(connections.id, connection.id))
    .returning({ failures: connections.consecutiveTransientFailures, downSince: connections.downSince });
  const failures = row?.failures ?? 0;
  // The error library names some answers the whole connection's problem (a refused credential): down at once.
  if (failures < settings.outageThreshold && !outcome.connectionLevel) return false;
  const wentDown = !row?.downSince;
  // Counted as the first probe: the next comes one probe interval later.
  if (wentDown) await tx.update(connections).set({ downSince: now, lastProbeAt: now }).where(eq(connections.id, connection.id));
  await raiseAlert(
    tx,
    {
      accountId: connection.accountId,
      kind: "connection_down",
      connectionId: connection.id,
      needsPerson: false,
      message: outcome.connectionLevel
        ? `${connection.name} refuses every record: ${outcome.message}`
        : `${connection.name} is not answering: ${failures} records in a row failed. Last error: ${outcome.message}`,
      errorCode: outcome.code,
      httpStatus: outcome.status,
    },
    wentDown && outcome.connectionLevel
      ? `${outcome.decidedBy?.headline ?? "The error library treats this answer as the connection's problem"}. Sends to ${connection.name} are paused; Fixline tries one record every ${Math.round(settings.probeIntervalMs / 60_000)} minutes and sends the backlog as soon as one is accepted.`
      : wentDown
        ? `${failures} records in a row failed with transient errors. Fixline now tries one record every ${Math.round(settings.probeIntervalMs / 60_000)} minutes and sends the backlog as soon as ${connection.name} answers again.`
        : `Probe failed: ${outcome.message}`,
    now,
  );
  return true;
}
