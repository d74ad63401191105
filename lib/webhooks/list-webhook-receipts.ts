import { and, desc, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, webhookReceipts } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import { describeEvent } from "./events";

export type ReceiptRow = Awaited<ReturnType<typeof listWebhookReceipts>>[number];

/** The last `perConnection` events each visible connection received, newest first, in one query. */
export async function listWebhookReceipts(db: DbOrTx, scope: Scope, perConnection = 20) {
  const visible = db.select({ id: connections.id }).from(connections).where(within(connections.accountId, scope.merchantIds));
  const ranked = db
    .select({
      id: webhookReceipts.id,
      connectionId: webhookReceipts.connectionId,
      webhookId: webhookReceipts.webhookId,
      eventType: webhookReceipts.eventType,
      payload: webhookReceipts.payload,
      status: webhookReceipts.status,
      error: webhookReceipts.error,
      receivedAt: webhookReceipts.receivedAt,
      rank: sql<number>`row_number() over (partition by ${webhookReceipts.connectionId} order by ${webhookReceipts.receivedAt} desc, ${webhookReceipts.id} desc)`.as("rank"),
    })
    .from(webhookReceipts)
    .where(inArray(webhookReceipts.connectionId, visible))
    .as("ranked");
  const rows = await db.select().from(ranked).where(and(lte(ranked.rank, perConnection))).orderBy(ranked.connectionId, desc(ranked.receivedAt), desc(ranked.id));
  return rows.map(({ payload, rank: _, ...r }) => ({ ...r, subject: describeEvent(payload) }));
}
