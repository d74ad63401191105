import { and, eq, notInArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, deliveries, orders, type AlertKind, type DeliveryKind, type OrderStatus } from "@/db/schema";
import { raiseAlert, resolveAlerts } from "../alerts/record-alert";
import type { FailedOutcome } from "../connectors/outcome";
import { retrySettings, type EngineContext } from "../core/context";
import { formatDateTime } from "../format/time";
import { SYSTEM } from "./actor";
import type { AttemptTarget } from "./load-target";
import { nextAttemptAfterFailure, retryWindowMs } from "./policy";

const FAILURE_KIND: Record<DeliveryKind, AlertKind> = {
  order_to_wms: "order_send_failed",
  tracking_to_cart: "tracking_push_failed",
  inventory_to_cart: "inventory_push_failed",
};

/** The alert a failure raises: a bad address or an unmapped ship method by name, otherwise by record kind. */
export function alertKindFor(kind: DeliveryKind, outcome: FailedOutcome): AlertKind {
  if (outcome.kind === "needs_person" && kind === "order_to_wms") {
    // The error library names the fix; an address or ship method to fix makes the alert of that kind (its page fixes it).
    if (outcome.code === "address_invalid" || outcome.decidedBy?.fix === "edit_address") return "address_invalid";
    if (outcome.code === "ship_method_unmapped" || outcome.decidedBy?.fix === "map_ship_method") return "ship_method_unmapped";
  }
  return FAILURE_KIND[kind];
}

export function describeAnswer(outcome: FailedOutcome): string {
  if (outcome.status) return `HTTP ${outcome.status}`;
  if (outcome.code === "ship_method_unmapped") return "Not sent";
  return outcome.code === "timeout" ? "Timed out" : "No answer";
}

type Recorded = { sent: boolean; payload: Record<string, unknown>; payloadVersion: number };

/**
 * Writes a failed attempt's result: the record's retry state, its order's status, and its alerts (docs/rules.md#r3, #r8).
 * Successes are written in bulk by recordSuccesses (record-attempts.ts).
 */
export async function recordOutcome(
  tx: DbOrTx,
  target: AttemptTarget,
  outcome: FailedOutcome,
  attempt: Recorded,
  ctx: Pick<EngineContext, "now" | "actor" | "settings">,
) {
  const { delivery: d, connection } = target;
  const { now } = ctx;
  const actor = ctx.actor ?? SYSTEM;
  const settings = retrySettings(ctx);
  const attempts = d.attempts + (attempt.sent ? 1 : 0);
  const base = {
    attempts,
    lastAttemptAt: now,
    leaseOwner: null,
    leaseExpiresAt: null,
    updatedAt: now,
    payload: attempt.payload,
    payloadVersion: attempt.payloadVersion,
  };
  const kind = alertKindFor(d.kind, outcome);
  const failure = {
    consecutiveFailures: d.consecutiveFailures + 1,
    lastError: outcome.message,
    lastErrorCode: outcome.code,
    lastHttpStatus: outcome.status,
  };
  let giveUpAt: Date | null = null;
  let detail: string;
  if (outcome.kind === "needs_person") {
    await tx
      .update(deliveries)
      .set({ ...base, ...failure, status: "held", nextAttemptAt: null, giveUpAt: null, firstFailureAt: d.firstFailureAt ?? now })
      .where(eq(deliveries.id, d.id));
    await setOrderStatus(tx, target, "held", ["shipped", "canceled"], now);
    const why = outcome.decidedBy ? ` ${outcome.decidedBy.headline} (error library: ${outcome.decidedBy.id}).` : "";
    detail = `${describeAnswer(outcome)}: ${outcome.message}${why} Held until someone updates the ${d.kind === "order_to_wms" ? "order" : "record"}; it is not retried.`;
  } else {
    const firstFailureAt = d.firstFailureAt ?? now;
    giveUpAt = d.giveUpAt ?? new Date(firstFailureAt.getTime() + retryWindowMs(d.kind, connection.syncIntervalMinutes, settings));
    const nextAttemptAt = nextAttemptAfterFailure(
      d.kind,
      now,
      connection.syncIntervalMinutes,
      outcome.kind === "transient" ? outcome.retryAfterMs : null,
      settings,
    );
    await tx
      .update(deliveries)
      .set({ ...base, ...failure, status: "retrying", firstFailureAt, giveUpAt, nextAttemptAt })
      .where(eq(deliveries.id, d.id));
    await setOrderStatus(tx, target, "error", ["shipped", "canceled"], now);
    detail = `Attempt ${attempts}: ${describeAnswer(outcome)} — ${outcome.message} Next try ${formatDateTime(nextAttemptAt, "UTC")}.`;
  }
  await raiseAlert(
    tx,
    {
      accountId: d.accountId,
      kind,
      deliveryId: d.id,
      connectionId: connection.id,
      orderId: d.orderId,
      needsPerson: outcome.kind === "needs_person",
      message: outcome.message,
      errorCode: outcome.code,
      httpStatus: outcome.status,
      orderNumber: target.order?.orderNumber ?? (d.payload.orderNumber as string | undefined) ?? null,
      // An order's SKU the library read from the answer (the one the WMS does not know): what groups and search find it by.
      productCode: d.sku ?? outcome.decidedBy?.sku ?? null,
      giveUpAt,
    },
    detail,
    now,
  );
  // The record now fails for another reason: its alerts for earlier causes no longer describe it.
  await resolveAlerts(
    tx,
    and(eq(alerts.deliveryId, d.id), notInArray(alerts.kind, [kind]))!,
    `Replaced by a newer alert: the record now fails with "${outcome.message}"`,
    actor,
    now,
  );
}

async function setOrderStatus(tx: DbOrTx, target: AttemptTarget, status: OrderStatus, keep: OrderStatus[], now: Date) {
  if (target.delivery.kind !== "order_to_wms" || !target.order) return;
  await tx
    .update(orders)
    .set({ status, updatedAt: now })
    .where(and(eq(orders.id, target.order.id), notInArray(orders.status, keep)));
}
