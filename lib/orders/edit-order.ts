import { eq, sql } from "drizzle-orm";
import { alerts, orders } from "@/db/schema";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import type { CoreContext } from "../core/context";
import { parseFieldsOrRefuse } from "../errors";
import { sendClaimedOrder } from "../retry/resend-order";
import { EditOrderInput } from "./order-input";

/**
 * Saves a person's correction of an order (address, ship method) as a new payload version and sends it at
 * once (docs/rules.md#r3, #r5): the fix is the retry. Invalid input changes nothing and says what is wrong, per field. The
 * correction is written only under the order's claim and only if the order is still the version the person
 * edited (docs/rules.md#r9): while a worker is sending it, or once the WMS has it, nothing is saved — an edit is applied and
 * sent, or not saved at all (docs/delivery-states.md).
 */
export async function editOrder(
  ctx: CoreContext,
  { orderId, changes, seenVersion }: { orderId: number; changes: unknown; seenVersion?: number },
) {
  const edit = parseFieldsOrRefuse(EditOrderInput, changes);
  return sendClaimedOrder(ctx, {
    orderId,
    seenVersion,
    reason: "Sent at once after the edit",
    change: async (tx, order, delivery) => {
      await tx
        .update(orders)
        .set({
          shipTo: edit.shipTo,
          shipMethodLabel: edit.shipMethodLabel,
          payloadVersion: sql`${orders.payloadVersion} + 1`,
          updatedAt: ctx.now,
        })
        .where(eq(orders.id, order.id));
      await addAlertEvents(
        tx,
        await openAlertIds(tx, eq(alerts.deliveryId, delivery.id)),
        "edited",
        describeChanges(order, edit),
        ctx.actor,
        ctx.now,
      );
    },
  });
}

function describeChanges(before: { shipTo: object; shipMethodLabel: string }, after: { shipTo: object; shipMethodLabel: string }): string {
  const parts: string[] = [];
  if (JSON.stringify(before.shipTo) !== JSON.stringify(after.shipTo)) parts.push("ship-to address");
  if (before.shipMethodLabel !== after.shipMethodLabel) parts.push(`ship method '${before.shipMethodLabel}' → '${after.shipMethodLabel}'`);
  return parts.length ? `Edited the ${parts.join(" and ")}.` : "Saved without changes.";
}
