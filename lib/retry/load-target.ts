import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  accounts,
  connections,
  errorRules,
  orders,
  shipMethodMappings,
  skuMappings,
  users,
  type Connection,
  type Delivery,
  type Order,
  type ShipMethodMapping,
} from "@/db/schema";
import type { RuleInForce } from "../error-library/diagnose";

/**
 * Everything an attempt needs: the record, where it goes, its order, the ship-method and SKU mappings in force, and
 * the warehouse's error rules (docs/rules.md#r6).
 */
export type AttemptTarget = {
  delivery: Delivery;
  connection: Connection;
  order: Order | null;
  mapping: ShipMethodMapping | null;
  /** Cart SKU → WMS SKU, for the order's lines that have a mapping (docs/error-library.md#sku-mappings). */
  skuMap: Map<string, string>;
  rules: RuleInForce[];
  warehouseName: string;
};

export async function loadTarget(db: DbOrTx, delivery: Delivery): Promise<AttemptTarget> {
  return (await loadTargets(db, [delivery])).get(delivery.id)!;
}

/**
 * The targets of many records in seven queries whatever their number (a claimed batch), keyed by delivery id.
 * Throws if a record's connection is gone, as one attempt would.
 */
export async function loadTargets(db: DbOrTx, batch: Delivery[]): Promise<Map<number, AttemptTarget>> {
  const targets = new Map<number, AttemptTarget>();
  if (batch.length === 0) return targets;
  const unique = <T>(values: (T | null | undefined)[]) => [...new Set(values.filter((v): v is T => v != null))];
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const conns = byId(
    await db
      .select()
      .from(connections)
      .where(inArray(connections.id, unique(batch.map((d) => d.connectionId)))),
  );
  const merchants = byId(
    await db
      .select()
      .from(accounts)
      .where(inArray(accounts.id, unique(batch.map((d) => d.accountId)))),
  );
  const warehouseIds = unique([...merchants.values()].map((m) => m.warehouseId));
  const warehouses = byId(warehouseIds.length ? await db.select().from(accounts).where(inArray(accounts.id, warehouseIds)) : []);
  const orderIds = unique(batch.map((d) => d.orderId));
  const orderRows = byId(orderIds.length ? await db.select().from(orders).where(inArray(orders.id, orderIds)) : []);
  const labels = unique([...orderRows.values()].map((o) => o.shipMethodLabel));
  const mappings =
    labels.length && warehouseIds.length
      ? await db
          .select()
          .from(shipMethodMappings)
          .where(and(inArray(shipMethodMappings.warehouseId, warehouseIds), inArray(shipMethodMappings.cartLabel, labels)))
      : [];
  const skus = unique([...orderRows.values()].flatMap((o) => o.lines.map((l) => l.sku)));
  const skuRows =
    skus.length && warehouseIds.length
      ? await db
          .select()
          .from(skuMappings)
          .where(and(inArray(skuMappings.warehouseId, warehouseIds), inArray(skuMappings.cartSku, skus)))
      : [];
  const ruleRows = warehouseIds.length
    ? await db
        .select({ rule: errorRules, madeByName: users.name })
        .from(errorRules)
        .leftJoin(users, eq(users.id, errorRules.createdByUserId))
        .where(inArray(errorRules.warehouseId, warehouseIds))
        .orderBy(errorRules.id)
    : [];
  for (const delivery of batch) {
    const connection = conns.get(delivery.connectionId);
    if (!connection) throw new Error(`delivery ${delivery.id} has no connection`);
    const merchantWarehouseId = merchants.get(delivery.accountId)?.warehouseId;
    const warehouse = merchantWarehouseId != null ? warehouses.get(merchantWarehouseId) : undefined;
    const order = delivery.orderId ? (orderRows.get(delivery.orderId) ?? null) : null;
    const mapping =
      order && warehouse ? mappings.find((m) => m.warehouseId === warehouse.id && m.cartLabel === order.shipMethodLabel) : undefined;
    const skuMap = new Map(skuRows.filter((m) => m.warehouseId === warehouse?.id).map((m) => [m.cartSku, m.wmsSku]));
    const rules = ruleRows.filter((r) => r.rule.warehouseId === warehouse?.id).map((r) => ({ ...r.rule, madeByName: r.madeByName }));
    targets.set(delivery.id, {
      delivery,
      connection,
      order,
      mapping: mapping ?? null,
      skuMap,
      rules,
      warehouseName: warehouse?.name ?? "the warehouse",
    });
  }
  return targets;
}

/**
 * The order as the WMS receives it, with the carrier and service the warehouse mapped its ship method to, and each
 * line's SKU as the WMS knows it (the cart's SKU kept beside it when a mapping changed it).
 */
export function orderPayload(order: Order, mapping: ShipMethodMapping | null, skuMap: Map<string, string> = new Map()) {
  return {
    orderNumber: order.orderNumber,
    shipTo: order.shipTo,
    shipMethod: { label: order.shipMethodLabel, carrier: mapping?.carrier ?? null, serviceCode: mapping?.serviceCode ?? null },
    lines: order.lines.map((line) => {
      const wmsSku = skuMap.get(line.sku);
      return wmsSku && wmsSku !== line.sku ? { ...line, sku: wmsSku, cartSku: line.sku } : line;
    }),
  };
}
