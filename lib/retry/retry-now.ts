import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts, connections, deliveries } from "@/db/schema";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import { ChangedSinceError, ConflictError, NotFoundError } from "../errors";
import { formatDateTime } from "../format/time";
import { pausedNote } from "../settings/connections";
import { within, type Scope } from "../tenancy/scope";
import { attemptDelivery, type AttemptResult } from "./attempt-delivery";
import { claimDelivery, releaseClaims } from "./claim";
import { DEFAULT_RETRY_SETTINGS } from "./policy";
import { processConnection, type ProcessSummary } from "./process-connection";
import { resendOrder, type ActionDeps } from "./resend-order";

/** "Retry now" on one record: attempts it at once, whatever its schedule (also a held or skipped one). */
export async function retryDeliveryNow(db: Db, scope: Scope, deliveryId: number, deps: ActionDeps): Promise<AttemptResult> {
  const [delivery] = await db.select().from(deliveries).where(and(eq(deliveries.id, deliveryId), within(deliveries.accountId, scope.merchantIds)));
  if (!delivery) throw new NotFoundError("Record");
  if (delivery.kind === "order_to_wms" && delivery.orderId) return resendOrder(db, scope, delivery.orderId, deps, { reason: "Retried now" });
  const paused = await pausedNote(db, delivery.connectionId);
  if (paused) throw new ConflictError(paused);
  const claimed = await claimDelivery(db, delivery.id, { leaseNow: deps.now, leaseMs: (deps.settings ?? DEFAULT_RETRY_SETTINGS).leaseMs, owner: deps.owner });
  if (!claimed) throw new ConflictError("This record is being sent right now; try again in a minute.");
  if (claimed.status === "succeeded") {
    // Delivered since the page was shown (docs/rules.md#r9): sending it again would only repeat it.
    await releaseClaims(db, [claimed.id], deps.owner);
    throw new ChangedSinceError(`This record was delivered${claimed.lastAttemptAt ? ` at ${formatDateTime(claimed.lastAttemptAt)}` : ""}. Nothing was sent.`, "accepted");
  }
  await addAlertEvents(db, await openAlertIds(db, eq(alerts.deliveryId, claimed.id)), "retried", "Retried now", deps.actor, deps.now);
  // A skipped or held record gets a fresh window, as a resend would.
  const revived = claimed.status === "skipped" || claimed.status === "held" ? { status: "pending" as const, firstFailureAt: null, giveUpAt: null } : {};
  if (Object.keys(revived).length) await db.update(deliveries).set(revived).where(eq(deliveries.id, claimed.id));
  return attemptDelivery(db, { ...claimed, ...revived }, deps);
}

/** "Retry now" from an alert: its record, or for an outage alert a probe of the connection. */
export async function retryAlertNow(db: Db, scope: Scope, alertId: number, deps: ActionDeps): Promise<AttemptResult | ProcessSummary> {
  const [alert] = await db.select().from(alerts).where(and(eq(alerts.id, alertId), within(alerts.accountId, scope.merchantIds)));
  if (!alert) throw new NotFoundError("Alert");
  if (alert.deliveryId) return retryDeliveryNow(db, scope, alert.deliveryId, deps);
  if (alert.kind === "connection_down" && alert.connectionId) {
    await addAlertEvents(db, [alert.id], "retried", "Probe requested", deps.actor, deps.now);
    const [connection] = await db.select({ kind: connections.kind }).from(connections).where(eq(connections.id, alert.connectionId));
    return processConnection(db, alert.connectionId, connection?.kind === "wms" ? "retry" : "sync", deps);
  }
  throw new NotFoundError("Record for this alert");
}
