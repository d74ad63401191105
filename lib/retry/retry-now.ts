import { and, eq } from "drizzle-orm";
import { alerts, connections, deliveries } from "@/db/schema";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import { readerZone, retrySettings, type CoreContext } from "../core/context";
import { ChangedSinceError, ConflictError, NotFoundError } from "../errors";
import { formatDateTime } from "../format/time";
import { pausedNote } from "../settings/connections";
import { within } from "../tenancy/scope";
import { attemptDelivery, type AttemptResult } from "./attempt-delivery";
import { claimDelivery, releaseClaims } from "./claim";
import type { ProcessSummary } from "./connection-run";
import { processConnection } from "./process-connection";
import { resendOrder } from "./resend-order";

/** "Retry now" on one record: attempts it at once, whatever its schedule (also a held or skipped one). */
export async function retryDeliveryNow(ctx: CoreContext, { deliveryId }: { deliveryId: number }): Promise<AttemptResult> {
  const { db, scope, now } = ctx;
  const [delivery] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.id, deliveryId), within(deliveries.accountId, scope.merchantIds)));
  if (!delivery) throw new NotFoundError("Record");
  if (delivery.kind === "order_to_wms" && delivery.orderId) return resendOrder(ctx, { orderId: delivery.orderId, reason: "Retried now" });
  const paused = await pausedNote(db, delivery.connectionId, readerZone(ctx));
  if (paused) throw new ConflictError(paused);
  const claimed = await claimDelivery(db, delivery.id, { leaseNow: now, leaseMs: retrySettings(ctx).leaseMs, owner: ctx.owner });
  if (!claimed) throw new ConflictError("This record is being sent right now; try again in a minute.");
  if (claimed.status === "succeeded") {
    // Delivered since the page was shown (docs/rules.md#r9): sending it again would only repeat it.
    await releaseClaims(db, [claimed.id], ctx.owner);
    throw new ChangedSinceError(
      `This record was delivered${claimed.lastAttemptAt ? ` at ${formatDateTime(claimed.lastAttemptAt, readerZone(ctx))}` : ""}. Nothing was sent.`,
      "accepted",
    );
  }
  await addAlertEvents(db, await openAlertIds(db, eq(alerts.deliveryId, claimed.id)), "retried", "Retried now", ctx.actor, now);
  // A skipped or held record gets a fresh window, as a resend would.
  const revived =
    claimed.status === "skipped" || claimed.status === "held" ? { status: "pending" as const, firstFailureAt: null, giveUpAt: null } : {};
  if (Object.keys(revived).length) await db.update(deliveries).set(revived).where(eq(deliveries.id, claimed.id));
  return attemptDelivery(ctx, { ...claimed, ...revived });
}

/** "Retry now" from an alert: its record, or for an outage alert a probe of the connection. */
export async function retryAlertNow(ctx: CoreContext, { alertId }: { alertId: number }): Promise<AttemptResult | ProcessSummary> {
  const { db, scope } = ctx;
  const [alert] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, alertId), within(alerts.accountId, scope.merchantIds)));
  if (!alert) throw new NotFoundError("Alert");
  if (alert.deliveryId) return retryDeliveryNow(ctx, { deliveryId: alert.deliveryId });
  if (alert.kind === "connection_down" && alert.connectionId) {
    await addAlertEvents(db, [alert.id], "retried", "Probe requested", ctx.actor, ctx.now);
    const [connection] = await db.select({ kind: connections.kind }).from(connections).where(eq(connections.id, alert.connectionId));
    return processConnection(ctx, { connectionId: alert.connectionId, mode: connection?.kind === "wms" ? "retry" : "sync" });
  }
  throw new NotFoundError("Record for this alert");
}
