import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { alerts, orders, type Order } from "@/db/schema";
import { addAlertEvents, openAlertIds } from "../alerts/record-alert";
import type { CoreContext } from "../core/context";
import { parseOrRefuse } from "../errors";
import { ShipToInput } from "../orders/order-input";
import { sendEachClaimed, type BulkResult, type ClaimedChange } from "../retry/resend-order";
import { within } from "../tenancy/scope";
import { ordersHeldOnRegionCode } from "./held-groups";

const Code = (what: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,3}$/, `${what} is a two- or three-letter code such as TX or DE.`);

/** "Replace ZZ with TX on these N orders": the code the WMS refused, and the one to send instead. */
export const CorrectRegionInput = z
  .object({ code: Code("The refused code"), replacement: Code("The correct code") })
  .refine((r) => r.code !== r.replacement, { message: "The correct code is the one the WMS refused.", path: ["replacement"] });

/** An order the correction would make invalid: it is left as it is, and the person is told why. */
export type CorrectionRefused = { orderId: number; orderNumber: string; message: string };

type ShipTo = Record<string, unknown> & { region?: unknown; country?: unknown };

/** The ship-to with the refused code replaced: the region if it carries it, else the country; null if neither does. */
function corrected(shipTo: ShipTo, code: string, replacement: string): ShipTo | null {
  const same = (value: unknown) => typeof value === "string" && value.trim().toUpperCase().replace(/\.$/, "") === code;
  if (same(shipTo.region)) return { ...shipTo, region: replacement };
  if (same(shipTo.country)) return { ...shipTo, country: replacement };
  return null;
}

/**
 * Fix once, release all, for an address code (docs/error-library.md#group-fixes): every order held because the WMS
 * does not know a ship-to region or country code gets the correct one, as a new payload version, and is sent at
 * once — each through the one claimed path, as a person's edit on the order-fix page would be (docs/rules.md#r9),
 * so an order a worker holds or one edited since is left alone and counted. An order whose corrected address is
 * still not valid (a US state code that is not a state) is not changed, and the answer says why. Whoever may fix
 * orders may do it (docs/roles.md); another tenant's orders are not seen.
 */
export async function correctRegionCode(ctx: CoreContext, input: unknown): Promise<BulkResult & { refused: CorrectionRefused[] }> {
  const { code, replacement } = parseOrRefuse(CorrectRegionInput, input, "Check the codes.");
  const ids = await ordersHeldOnRegionCode(ctx, code);
  const held: Order[] = ids.length
    ? await ctx.db
        .select()
        .from(orders)
        .where(and(inArray(orders.id, ids), within(orders.accountId, ctx.scope.merchantIds)))
        .orderBy(orders.id)
    : [];
  const refused: CorrectionRefused[] = [];
  const sends = held.flatMap((order) => {
    const shipTo = corrected(order.shipTo as ShipTo, code, replacement);
    const valid = shipTo ? ShipToInput.safeParse(shipTo) : null;
    if (!valid?.success) {
      const why = valid?.error.issues[0]?.message ?? `The address no longer has the code ${code}.`;
      refused.push({ orderId: order.id, orderNumber: order.orderNumber, message: why });
      return [];
    }
    const reason = `Ship-to code ${code} corrected to ${replacement}; sent at once.`;
    return [
      {
        orderId: order.id,
        // The version read here: an order edited since is refused, not overwritten (docs/rules.md#r9).
        seenVersion: order.payloadVersion,
        reason,
        change: (async (tx, current) => {
          await tx
            .update(orders)
            .set({ shipTo: valid.data, payloadVersion: sql`${orders.payloadVersion} + 1`, updatedAt: ctx.now })
            .where(eq(orders.id, current.id));
          const open = await openAlertIds(tx, eq(alerts.orderId, current.id));
          await addAlertEvents(tx, open, "edited", `Edited the ship-to address: code ${code} → ${replacement}.`, ctx.actor, ctx.now);
        }) satisfies ClaimedChange,
      },
    ];
  });
  return { ...(await sendEachClaimed(ctx, sends)), refused };
}
