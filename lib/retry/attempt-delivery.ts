import type { Db } from "@/db/client";
import type { Delivery } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import { DELIVERY_PATHS, idempotencyKey, type Send } from "../connectors/send";
import { SYSTEM, type Actor } from "./actor";
import { noteConnectionHealth } from "./connection-health";
import { loadTarget, orderPayload } from "./load-target";
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from "./policy";
import { recordOutcome } from "./record-outcome";
import { skipDelivery } from "./skip-delivery";

export type EngineDeps = {
  /** The time the engine acts at: due-ness, windows and history use it. */
  now: Date;
  send: Send;
  settings?: RetrySettings;
  actor?: Actor;
};

export type AttemptResult = {
  deliveryId: number;
  result: "succeeded" | "retrying" | "held" | "skipped";
  outcome: Outcome | null;
  /** The connection is down after this attempt (outage rule). */
  connectionDown: boolean;
};

const RESULT = { success: "succeeded", transient: "retrying", rejected: "retrying", needs_person: "held" } as const;

/**
 * Attempts one claimed record: skips it if its window has closed, holds an order whose ship method is not
 * mapped without calling the WMS, otherwise sends it and records the outcome.
 */
export async function attemptDelivery(db: Db, claimed: Delivery, deps: EngineDeps): Promise<AttemptResult> {
  const { now } = deps;
  const settings = deps.settings ?? DEFAULT_RETRY_SETTINGS;
  if (claimed.status === "retrying" && claimed.giveUpAt && claimed.giveUpAt <= now) {
    await db.transaction((tx) => skipDelivery(tx, claimed, now));
    return { deliveryId: claimed.id, result: "skipped", outcome: null, connectionDown: false };
  }
  const target = await loadTarget(db, claimed);
  let payload = claimed.payload;
  let payloadVersion = claimed.payloadVersion;
  let outcome: Outcome | null = null;
  if (claimed.kind === "order_to_wms" && target.order) {
    // Built from the order as it is now, so an edit or a new mapping is what gets sent.
    payload = orderPayload(target.order, target.mapping);
    payloadVersion = target.order.payloadVersion;
    if (!target.mapping) {
      outcome = {
        kind: "needs_person",
        status: null,
        code: "ship_method_unmapped",
        message: `Ship method '${target.order.shipMethodLabel}' is not mapped to a carrier service at ${target.warehouseName}.`,
      };
    }
  }
  const sent = outcome === null;
  outcome ??= await deps.send({
    endpointUrl: target.connection.endpointUrl,
    credential: target.connection.credential,
    path: DELIVERY_PATHS[claimed.kind],
    payload,
    idempotencyKey: idempotencyKey({ id: claimed.id, kind: claimed.kind, payloadVersion }),
  });
  const final = outcome;
  const connectionDown = await db.transaction(async (tx) => {
    await recordOutcome(tx, target, final, { sent, payload, payloadVersion }, { now, actor: deps.actor ?? SYSTEM, settings });
    return sent ? noteConnectionHealth(tx, target.connection, final, now, settings) : Boolean(target.connection.downSince);
  });
  return { deliveryId: claimed.id, result: RESULT[final.kind], outcome: final, connectionDown };
}
