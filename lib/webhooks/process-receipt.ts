import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, webhookReceipts } from "@/db/schema";
import type { CoreContext, EngineContext } from "../core/context";
import { WEBHOOK_ACTOR } from "../retry/actor";
import { resolveAccountScope } from "../tenancy/scope";
import { errorCode, UnprocessableEvent } from "../errors";
import type { ApplyContext, FollowUp } from "./apply-context";
import { applyErrorReported } from "./apply-error-reported";
import { applyInventoryUpdated } from "./apply-inventory-updated";
import { applyOrderUpserted } from "./apply-order-upserted";
import { applyShipmentCreated } from "./apply-shipment-created";
import { WebhookEventInput } from "./events";
import { sendAtOnce, type SendSummary } from "./send-at-once";

export type ProcessOutcome =
  | { status: "processed"; sent: { attempted: number; succeeded: number; left: number } }
  | { status: "failed"; error: string }
  | { status: "later"; reason: string }
  /** Another process had already taken it, or it does not exist. */
  | { status: "skipped" };

/**
 * Applies one stored event, exactly once: marking the receipt processed and applying its changes happen in
 * one transaction, so two processes (the request's background work and the sweep) never both apply it,
 * and a process that dies midway leaves it `accepted` for the sweep. Sending happens after the commit.
 * An event that cannot be applied is marked `failed` with the reason, shown on the connections page.
 * What it creates is sent at once by default (sendAtOnce); the webhook worker hands it to its connection's run.
 */
export type SendFollowUp = (ctx: CoreContext, followUp: FollowUp) => Promise<SendSummary>;

export async function processReceipt(
  ctx: EngineContext,
  receiptId: number,
  sendFollowUp: SendFollowUp = sendAtOnce,
): Promise<ProcessOutcome> {
  const { db, now } = ctx;
  const [row] = await db
    .select({ receipt: webhookReceipts, connection: connections })
    .from(webhookReceipts)
    .innerJoin(connections, eq(connections.id, webhookReceipts.connectionId))
    .where(eq(webhookReceipts.id, receiptId));
  if (!row || row.receipt.status !== "accepted") return { status: "skipped" };
  const { connection } = row;
  // Tenancy: everything the event touches is looked up within the sending connection's merchant.
  const scope = await resolveAccountScope(db, connection.accountId);
  let followUp: FollowUp | null;
  try {
    followUp = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(webhookReceipts)
        .set({ status: "processed", processedAt: now, error: null })
        .where(and(eq(webhookReceipts.id, receiptId), eq(webhookReceipts.status, "accepted")))
        .returning({ id: webhookReceipts.id });
      if (!claimed) return null;
      return applyEvent({ tx, connection, scope, now: now }, row.receipt.payload);
    });
  } catch (error) {
    const failed = receiptFailure(receiptId, error);
    await settle(
      db,
      receiptId,
      failed.status === "failed" ? { status: "failed", error: failed.error, processedAt: now } : { error: failed.reason },
    );
    return failed;
  }
  if (!followUp) return { status: "skipped" };
  // What the event created is sent for its merchant, as the connector's change.
  return { status: "processed", sent: await sendFollowUp({ ...ctx, scope, actor: WEBHOOK_ACTOR }, followUp) };
}

/**
 * The one mapping of errors for event processing: an event that cannot be applied is `failed` with the reason;
 * anything else may heal (a record being sent, a database that did not answer), so the receipt stays accepted,
 * saying why, and the sweep tries it again — an event is never dropped for a passing fault. Faults are logged.
 */
function receiptFailure(receiptId: number, error: unknown): Extract<ProcessOutcome, { status: "failed" | "later" }> {
  const code = errorCode(error);
  if (code === "unprocessable_event") return { status: "failed", error: (error as Error).message };
  if (code === "apply_later") return { status: "later", reason: (error as Error).message };
  console.error(`webhook receipt ${receiptId}: processing failed; the sweep retries it`, error);
  return { status: "later", reason: "Processing failed on Fixline's side (logged); it is tried again every minute." };
}

/** Updates a receipt that is still accepted (another process may have finished it meanwhile). */
async function settle(db: Db, receiptId: number, fields: Partial<typeof webhookReceipts.$inferInsert>) {
  await db
    .update(webhookReceipts)
    .set(fields)
    .where(and(eq(webhookReceipts.id, receiptId), eq(webhookReceipts.status, "accepted")));
}

function applyEvent(ctx: ApplyContext, payload: unknown): Promise<FollowUp> {
  const parsed = WebhookEventInput.safeParse(payload);
  if (!parsed.success)
    throw new UnprocessableEvent(`The stored event no longer matches its schema: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const event = parsed.data;
  switch (event.type) {
    case "order.upserted":
      return applyOrderUpserted(ctx, event.data);
    case "shipment.created":
      return applyShipmentCreated(ctx, event.data);
    case "inventory.updated":
      return applyInventoryUpdated(ctx, event.data);
    case "error.reported":
      return applyErrorReported(ctx, event.data);
  }
}
