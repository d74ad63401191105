import { and, desc, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders } from "@/db/schema";
import type { Scope } from "../tenancy/scope";
import { orderFilterWhere, RESENDABLE_STATUSES, type OrderFilter } from "./order-filter";

/** A bulk action never reaches for more than this many orders in one go. */
export const MAX_SELECTION = 5_000;

/**
 * "The whole filtered set" of a bulk Resend, resolved on the server: the ids of the caller's orders that
 * match the filter and may be resent, newest first. Never another tenant's, whatever the filter says.
 */
export async function findResendableOrderIds(db: DbOrTx, scope: Scope, filter: OrderFilter, max = MAX_SELECTION) {
  const rows = await db
    .select({ id: orders.id, version: orders.payloadVersion })
    .from(orders)
    .where(and(orderFilterWhere(scope, filter), inArray(orders.status, [...RESENDABLE_STATUSES])))
    .orderBy(desc(orders.id))
    .limit(max + 1);
  // Each with the version seen now: an order edited or accepted before its chunk is sent is skipped (docs/rules.md#r9).
  return { orders: rows.slice(0, max), truncated: rows.length > max };
}
