"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { describeAttempt, describeBulk, type AttemptData, type BulkData } from "@/lib/format/attempt";
import { editOrder } from "@/lib/orders/edit-order";
import { findResendableOrderIds } from "@/lib/orders/find-order-ids";
import { OrderFilter } from "@/lib/orders/order-filter";
import { resendOrder, resendOrders } from "@/lib/retry/resend-order";
import { userAction } from "../../_lib/action";

const OrderId = z.coerce.number().int().positive("Choose an order.");
/** The order's payload version on the page the person acted from (docs/rules.md#r9): a changed order is refused. */
const Version = z.coerce.number().int().positive("Reload the page: it does not say which version of the order you saw.");
/** One call of a bulk Resend sends at most this many; the page sends a large selection in chunks and shows the progress. */
const MAX_IDS_PER_CALL = 100;

/** "Resend to WMS" on one order (docs/rules.md#r5): sent at once, whatever its state; the answer says how it went. */
export const resendOrderAction = userAction(z.object({ orderId: OrderId, version: Version }), async ({ orderId, version }, ctx) => {
  const attempt = await resendOrder(ctx, { orderId, seenVersion: version });
  revalidatePath("/", "layout");
  const { tone, message } = describeAttempt(attempt);
  return { ok: true, message, data: { tone } satisfies AttemptData };
});

/** One chunk of a bulk Resend. Another tenant's id is counted as not found; nothing of theirs is touched. */
export const resendOrdersAction = userAction(
  z.object({
    orders: z
      .array(z.object({ id: OrderId, version: Version }))
      .min(1, "Choose at least one order.")
      .max(MAX_IDS_PER_CALL),
  }),
  async ({ orders }, ctx) => {
    const { results, ...summary } = await resendOrders(ctx, { orders });
    const failedIds = results.filter((r) => r.result !== "succeeded").map((r) => r.orderId);
    return { ok: true, message: describeBulk(summary), data: { ...summary, failedIds } satisfies BulkData };
  },
);

/** "Select all matching": the filtered set's ids, resolved on the server within the user's scope. */
export const findResendableOrderIdsAction = userAction(OrderFilter, async (filter, { db, scope }) => {
  const found = await findResendableOrderIds(db, scope, filter);
  return { ok: true, message: `${found.orders.length} orders`, data: found };
});

/** "Save & resend" on the order-fix page: the correction is saved and sent at once (docs/rules.md#r3, #r5). */
export const saveAndResendAction = userAction(
  z.object({ orderId: OrderId, version: Version, order: z.unknown() }),
  async ({ orderId, version, order }, ctx) => {
    const attempt = await editOrder(ctx, { orderId, changes: order, seenVersion: version });
    revalidatePath("/", "layout");
    const { tone, message } = describeAttempt(attempt);
    return { ok: true, message: `Saved. ${message}`, data: { tone } satisfies AttemptData };
  },
);
