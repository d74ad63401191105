import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { connections, deliveries } from "@/db/schema";
import { UnprocessableEvent } from "../errors";
import type { ApplyContext, FollowUp } from "./apply-context";
import type { InventoryUpdatedInput } from "./events";

const INSERT_CHUNK = 100;

/**
 * inventory.updated: each SKU's quantity becomes a delivery to each of the merchant's carts. A SKU whose
 * earlier quantity is still waiting (not sent yet, failing or held) is updated in place to the new
 * quantity — one record per SKU and cart, so an old level can never overwrite a newer one, and its open
 * alert keeps counting (docs/rules.md#r8). A record being sent right now is left alone; the new level follows it.
 */
export async function applyInventoryUpdated(ctx: ApplyContext, data: InventoryUpdatedInput): Promise<FollowUp> {
  const { tx, connection, now } = ctx;
  const carts = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.accountId, connection.accountId), eq(connections.kind, "cart")));
  if (carts.length === 0) throw new UnprocessableEvent("This merchant has no cart connection to send inventory to.");
  const quantities = new Map(data.items.map((i) => [i.sku, i.quantity]));
  const attempt: number[] = [];
  for (const cart of carts) {
    const waiting = await tx
      .select({ id: deliveries.id, sku: deliveries.sku, status: deliveries.status })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.connectionId, cart.id),
          eq(deliveries.kind, "inventory_to_cart"),
          inArray(deliveries.sku, [...quantities.keys()]),
          inArray(deliveries.status, ["pending", "retrying", "held"]),
          or(isNull(deliveries.leaseExpiresAt), lte(deliveries.leaseExpiresAt, now)),
        ),
      );
    const updated = new Set<string>();
    for (const d of waiting) {
      if (!d.sku || updated.has(d.sku)) continue;
      await tx
        .update(deliveries)
        .set({
          payload: { sku: d.sku, quantity: quantities.get(d.sku)! },
          payloadVersion: sql`${deliveries.payloadVersion} + 1`,
          // A held record was waiting for an update (docs/rules.md#r3); this is it.
          status: d.status === "held" ? "pending" : d.status,
          nextAttemptAt: now,
          updatedAt: now,
        })
        .where(eq(deliveries.id, d.id));
      updated.add(d.sku);
      attempt.push(d.id);
    }
    const fresh = [...quantities].filter(([sku]) => !updated.has(sku));
    for (let start = 0; start < fresh.length; start += INSERT_CHUNK) {
      const rows = await tx
        .insert(deliveries)
        .values(
          fresh.slice(start, start + INSERT_CHUNK).map(([sku, quantity]) => ({
            accountId: connection.accountId,
            connectionId: cart.id,
            kind: "inventory_to_cart" as const,
            sku,
            payload: { sku, quantity },
            status: "pending" as const,
            nextAttemptAt: now,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: deliveries.id });
      attempt.push(...rows.map((r) => r.id));
    }
  }
  return { attempt, resend: [] };
}
