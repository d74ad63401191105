import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, webhookReceipts } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";
import { describeEvent } from "./events";

export type ReceiptRow = Awaited<ReturnType<typeof listWebhookReceipts>>[number];

/**
 * The last `perConnection` events each visible connection received, newest first. One short query per
 * connection, each read straight off the (connection, received) index, so a long history costs nothing.
 */
export async function listWebhookReceipts(db: DbOrTx, scope: Scope, perConnection = 20) {
  const visible = await db
    .select({ id: connections.id })
    .from(connections)
    .where(within(connections.accountId, scope.merchantIds))
    .orderBy(asc(connections.id));
  const lists = await Promise.all(
    visible.map(({ id }) =>
      db
        .select({
          id: webhookReceipts.id,
          connectionId: webhookReceipts.connectionId,
          webhookId: webhookReceipts.webhookId,
          eventType: webhookReceipts.eventType,
          payload: webhookReceipts.payload,
          status: webhookReceipts.status,
          error: webhookReceipts.error,
          receivedAt: webhookReceipts.receivedAt,
        })
        .from(webhookReceipts)
        .where(eq(webhookReceipts.connectionId, id))
        .orderBy(desc(webhookReceipts.receivedAt), desc(webhookReceipts.id))
        .limit(perConnection),
    ),
  );
  return lists.flat().map(({ payload, ...r }) => ({ ...r, subject: describeEvent(payload) }));
}
