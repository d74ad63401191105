import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertEvents, alerts, connections, orders, type Connection, type Delivery } from "@/db/schema";
import { retrySettings, type EngineContext } from "../core/context";
import { actorUserId, SYSTEM, type Actor } from "./actor";
import type { FinishedAttempt } from "./make-attempt";
import { noteConnectionHealth } from "./connection-health";
import { recordOutcome } from "./record-outcome";
import { skipDelivery } from "./skip-delivery";

/** One thing to write about a claimed record: an attempt made, or a record skipped because its window closed. */
export type RecordItem = { attempt: FinishedAttempt } | { skip: Delivery };

const ANSWERED = { kind: "success", status: 200 } as const;

/**
 * Writes what happened to claimed records, in the order it happened, inside the caller's transaction:
 * retry state, order status, alerts (docs/rules.md#r3, #r4, #r8) and each connection's health (the outage rule).
 * Successes are written together at the end, a few statements for the lot whatever their number or
 * connections; failures one by one, so the outage rule counts them in order. Returns, for each item,
 * whether its connection is down after it.
 */
export async function recordAttempts(
  tx: DbOrTx,
  items: RecordItem[],
  ctx: Pick<EngineContext, "now" | "actor" | "settings">,
): Promise<boolean[]> {
  const settings = retrySettings(ctx);
  const connectionIds = [
    ...new Set(items.map((item) => ("skip" in item ? item.skip.connectionId : item.attempt.target.delivery.connectionId))),
  ];
  const rows = await tx.select().from(connections).where(inArray(connections.id, connectionIds));
  // Per connection: its row as it is in the database now, and whether an answer has come that is not written yet.
  const health = new Map(rows.map((connection) => [connection.id, { connection, answered: false }]));
  const of = (connectionId: number) => {
    const h = health.get(connectionId);
    if (!h) throw new Error(`connection ${connectionId} is gone`);
    return h;
  };
  const writeAnswered = async (h: { connection: Connection; answered: boolean }) => {
    if (!h.answered) return;
    h.answered = false;
    // Any answer shows the system is reachable; a connection already counted as up needs no write.
    if (h.connection.consecutiveTransientFailures === 0 && !h.connection.downSince) return;
    await noteConnectionHealth(tx, h.connection, ANSWERED, ctx.now, settings);
    h.connection = { ...h.connection, downSince: null, consecutiveTransientFailures: 0 };
  };
  const down: boolean[] = [];
  const successes: FinishedAttempt[] = [];
  for (const item of items) {
    if ("skip" in item) {
      const h = of(item.skip.connectionId);
      await skipDelivery(tx, item.skip, ctx.now);
      down.push(!h.answered && Boolean(h.connection.downSince));
      continue;
    }
    const { attempt } = item;
    const h = of(attempt.target.delivery.connectionId);
    if (attempt.outcome.kind === "success") {
      successes.push(attempt);
      h.answered = true;
      down.push(false);
      continue;
    }
    if (!attempt.sent) {
      // Not sent (an unmapped ship method): says nothing about the connection.
      await recordOutcome(tx, attempt.target, attempt.outcome, attempt, ctx);
      down.push(!h.answered && Boolean(h.connection.downSince));
      continue;
    }
    await writeAnswered(h);
    await recordOutcome(tx, attempt.target, attempt.outcome, attempt, ctx);
    const isDown = await noteConnectionHealth(tx, h.connection, attempt.outcome, ctx.now, settings);
    const transient = attempt.outcome.kind === "transient";
    h.connection = {
      ...h.connection,
      downSince: isDown ? (h.connection.downSince ?? ctx.now) : transient ? h.connection.downSince : null,
      consecutiveTransientFailures: transient ? h.connection.consecutiveTransientFailures + 1 : 0,
    };
    down.push(isDown);
  }
  if (successes.length) await recordSuccesses(tx, successes, ctx);
  for (const h of health.values()) await writeAnswered(h);
  return down;
}

/** The history line of a success (docs/rules.md#r4). */
export function successDetail(actor: Actor, attempts: number, connectionName: string): string {
  return actor.type === "user"
    ? `Sent by hand and accepted by ${connectionName} (attempt ${attempts}).`
    : `Resolved automatically: attempt ${attempts} was accepted by ${connectionName}.`;
}

/**
 * Successes in four statements whatever their number: the records (each with the
 * payload it went out with), their orders, and their open alerts resolved with a history line each (docs/rules.md#r4).
 */
export async function recordSuccesses(tx: DbOrTx, attempts: FinishedAttempt[], ctx: Pick<EngineContext, "now" | "actor">) {
  const { now } = ctx;
  const actor = ctx.actor ?? SYSTEM;
  const rows = attempts.map((a) => ({
    id: a.target.delivery.id,
    attempts: a.target.delivery.attempts + (a.sent ? 1 : 0),
    payload: a.payload,
    version: a.payloadVersion,
    status: a.outcome.status,
  }));
  const at = now.getTime();
  // One UPDATE … FROM over the rows as JSON: drizzle's update builder sets the same values on every row.
  await tx.run(sql`
    update deliveries set
      status = 'succeeded', attempts = v.attempts, payload = v.payload, payload_version = v.version, last_http_status = v.status,
      consecutive_failures = 0, next_attempt_at = null, first_failure_at = null, give_up_at = null, last_error = null, last_error_code = null,
      last_attempt_at = ${at}, lease_owner = null, lease_expires_at = null, updated_at = ${at}
    from (
      select value ->> 'id' as id, value ->> 'attempts' as attempts, value -> 'payload' as payload, value ->> 'version' as version, value ->> 'status' as status
      from json_each(${JSON.stringify(rows)})
    ) as v
    where deliveries.id = v.id`);
  const orderIds = attempts.filter((a) => a.target.delivery.kind === "order_to_wms" && a.target.order).map((a) => a.target.order!.id);
  if (orderIds.length) {
    await tx
      .update(orders)
      .set({ status: "at_wms", updatedAt: now })
      .where(and(inArray(orders.id, orderIds), notInArray(orders.status, ["shipped", "canceled"])));
  }
  const resolved = await tx
    .update(alerts)
    .set({ state: "resolved", resolvedAt: now })
    .where(
      and(
        eq(alerts.state, "open"),
        inArray(
          alerts.deliveryId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .returning({ id: alerts.id, deliveryId: alerts.deliveryId });
  if (resolved.length === 0) return;
  const byDelivery = new Map(
    attempts.map((a, i) => [a.target.delivery.id, successDetail(actor, rows[i]!.attempts, a.target.connection.name)]),
  );
  await tx.insert(alertEvents).values(
    resolved.map((r) => ({
      alertId: r.id,
      type: "resolved" as const,
      detail: byDelivery.get(r.deliveryId!)!,
      actorUserId: actorUserId(actor),
      at: now,
    })),
  );
}
