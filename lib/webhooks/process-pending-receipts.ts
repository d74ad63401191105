import { and, asc, lte, sql } from "drizzle-orm";
import { webhookReceipts } from "@/db/schema";
import type { EngineContext } from "../core/context";
import { processReceipt } from "./process-receipt";

/** Long enough that a receipt is not taken from the request that is processing it right after answering. */
export const RECEIPT_GRACE_MS = 60_000;
/** Enough that a few events failing on every try cannot hold back the rest. */
const BATCH = 500;

export type PendingSummary = { processed: number; failed: number; later: number };

/**
 * Applies the events that were accepted but never processed — the process answered 202 and then stopped,
 * a change had to wait for a send in flight, or the database failed — oldest first. Run by the
 * sync-connections job each minute.
 */
export async function processPendingReceipts(ctx: EngineContext): Promise<PendingSummary> {
  const summary: PendingSummary = { processed: 0, failed: 0, later: 0 };
  const due = await ctx.db
    .select({ id: webhookReceipts.id })
    .from(webhookReceipts)
    // Written out, not bound, and in received order, so SQLite reads only the partial index of accepted receipts.
    .where(
      and(sql`${webhookReceipts.status} = 'accepted'`, lte(webhookReceipts.receivedAt, new Date(ctx.now.getTime() - RECEIPT_GRACE_MS))),
    )
    .orderBy(asc(webhookReceipts.receivedAt))
    .limit(BATCH);
  for (const { id } of due) {
    const outcome = await processReceipt(ctx, id);
    if (outcome.status === "processed") summary.processed++;
    else if (outcome.status === "failed") summary.failed++;
    else if (outcome.status === "later") summary.later++;
  }
  return summary;
}
