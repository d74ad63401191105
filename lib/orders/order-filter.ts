import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ORDER_STATUSES, orders, type OrderStatus } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

/** Orders a person may send to the WMS again: not yet accepted there, or given up on (docs/rules.md#r5). */
export const RESENDABLE_STATUSES = ["new", "error", "held", "skipped"] as const satisfies readonly OrderStatus[];

export function isResendable(status: OrderStatus): boolean {
  return (RESENDABLE_STATUSES as readonly OrderStatus[]).includes(status);
}

/** An unreadable value is dropped, not an error: the filter comes from a URL a person may have typed. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * The Orders page's filters as they appear in its URL: status, merchant (warehouse users), ship-method label,
 * and a search `q` matching part of the order number or of a line's SKU.
 */
export const OrderFilter = z.object({
  status: lenient(z.enum(ORDER_STATUSES)),
  merchantId: lenient(z.coerce.number().int().positive()),
  method: lenient(z.string().trim().min(1).max(100)),
  q: lenient(z.string().trim().min(1).max(100)),
});
export type OrderFilter = z.output<typeof OrderFilter>;

/** The caller's orders that match the filter: a merchant outside the scope matches nothing. */
export function orderFilterWhere(scope: Scope, filter: OrderFilter): SQL {
  return and(
    within(orders.accountId, scope.merchantIds),
    filter.status ? eq(orders.status, filter.status) : undefined,
    filter.merchantId ? eq(orders.accountId, filter.merchantId) : undefined,
    filter.method ? eq(orders.shipMethodLabel, filter.method) : undefined,
    filter.q ? matchesSearch(filter.q) : undefined,
  )!;
}

/**
 * Part of the order number ("10412", "#AO104") or of any line's SKU ("STOVE"), case-insensitive. Three
 * characters or more are looked up in the trigram index orders_search (migration 0008) as one phrase: the
 * orders containing them, as reading finds, except that the index ignores case beyond ASCII too ("écrin"
 * finds "ÉCRIN"). One or two characters, too short for a trigram, and searches with control characters
 * (which FTS5's query syntax cannot quote) are matched by reading the orders in scope.
 */
export function matchesSearch(q: string): SQL {
  // The index keeps each term on a line of its own, so a search with a line break is read too.
  if ([...q].length >= 3 && !/[\u0000-\u001f]/.test(q)) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    return sql`${orders.id} IN (SELECT rowid FROM orders_search WHERE orders_search MATCH ${phrase})`;
  }
  return matchesSearchByReading(q);
}

/** The same search by reading each order in scope: the index's reference in tests, and short searches. */
export function matchesSearchByReading(q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${orders.orderNumber} LIKE ${pattern} ESCAPE '\\' OR EXISTS (
    SELECT 1 FROM json_each(${orders.lines}) AS line WHERE json_extract(line.value, '$.sku') LIKE ${pattern} ESCAPE '\\'
  ))`;
}
