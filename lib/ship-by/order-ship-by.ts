import type { DbOrTx } from "@/db/client";
import type { Order } from "@/db/schema";
import { shipByFromCutoffs } from "./cutoff-rules";
import { cutoffRulesOfMerchant } from "./load-cutoff-rules";

/**
 * An order's ship-by (docs/ship-by.md): the cart's own when its event carries one, else from the cutoff rules
 * of the warehouse serving the merchant, else none.
 */
export async function orderShipBy(
  db: DbOrTx,
  merchantId: number,
  order: { shipBy?: string | undefined; placedAt: Date; shipMethodLabel: string },
): Promise<Pick<Order, "shipBy" | "shipBySource">> {
  if (order.shipBy) return { shipBy: new Date(order.shipBy), shipBySource: "cart" };
  const rules = await cutoffRulesOfMerchant(db, merchantId);
  if (!rules) return { shipBy: null, shipBySource: null };
  return { shipBy: shipByFromCutoffs(rules, order.placedAt, order.shipMethodLabel), shipBySource: "cutoff" };
}
