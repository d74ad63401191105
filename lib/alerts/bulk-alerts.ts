import { and, inArray, isNotNull } from "drizzle-orm";
import { alerts } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { refusalOf, type Refusal } from "../errors";
import { resendOrders } from "../retry/resend-order";
import { retryAlertNow } from "../retry/retry-now";
import { within } from "../tenancy/scope";

/** `changed`: refused because the record changed since it was chosen — delivered, accepted, edited (docs/rules.md#r9). */
export type BulkSummary = { sent: number; failing: number; held: number; busy: number; notFound: number; changed: number };

export const emptySummary = (): BulkSummary => ({ sent: 0, failing: 0, held: 0, busy: 0, notFound: 0, changed: 0 });

const REFUSAL_COUNT: Record<Refusal, "notFound" | "busy" | "changed"> = { not_found: "notFound", busy: "busy", changed: "changed" };

/** "Retry now" on many alerts, one after another; says how each went. */
export async function retryAlerts(ctx: CoreContext, { ids }: { ids: number[] }): Promise<BulkSummary> {
  const summary = emptySummary();
  for (const id of [...new Set(ids)]) {
    try {
      const result = await retryAlertNow(ctx, { alertId: id });
      if ("result" in result) {
        if (result.result === "succeeded") summary.sent++;
        else if (result.result === "held") summary.held++;
        else summary.failing++;
      } else {
        summary.sent += result.succeeded;
        summary.failing += result.failed;
        summary.held += result.held;
      }
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      summary[REFUSAL_COUNT[refusal]]++;
    }
  }
  return summary;
}

/** "Resend to WMS" for the orders behind many alerts (each order once). */
export async function resendAlertOrders(ctx: CoreContext, { ids }: { ids: number[] }): Promise<BulkSummary> {
  const { db, scope } = ctx;
  const rows = ids.length
    ? await db
        .select({ id: alerts.id, orderId: alerts.orderId })
        .from(alerts)
        .where(and(inArray(alerts.id, ids), within(alerts.accountId, scope.merchantIds), isNotNull(alerts.orderId)))
    : [];
  const result = await resendOrders(ctx, { orders: [...new Set(rows.map((r) => r.orderId!))] });
  const changed = Object.values(result.changed).reduce((n, k) => n + (k ?? 0), 0);
  return {
    sent: result.sent,
    failing: result.failing,
    held: result.held,
    busy: result.busy,
    changed,
    notFound: result.notFound + (new Set(ids).size - rows.length),
  };
}
