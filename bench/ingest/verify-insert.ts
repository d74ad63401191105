import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "@/db/client";
import { connections, webhookReceipts } from "@/db/schema";

/**
 * The floor the webhook benchmark compares Fixline's endpoint with: verify the Standard Webhooks signature
 * with the reference library and insert one row — nothing else (no validation, no dedupe answer, no
 * rate limit, no background work). Served by a Next route in the same build and by a bare node:http
 * server, so the framework's own cost can be told apart from Fixline's.
 */
export function createVerifyInsert(db: Db) {
  const secrets = new Map<number, string>();
  return async function verifyInsert(
    connectionId: number,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; id?: number }> {
    let secret = secrets.get(connectionId);
    if (!secret) {
      const [row] = await db.select({ secret: connections.webhookSecret }).from(connections).where(eq(connections.id, connectionId));
      if (!row) return { status: 401 };
      secrets.set(connectionId, (secret = row.secret));
    }
    try {
      new Webhook(secret).verify(body, headers);
    } catch {
      return { status: 401 };
    }
    const [inserted] = await db
      .insert(webhookReceipts)
      .values({
        connectionId,
        webhookId: headers["webhook-id"]!,
        eventType: "bench",
        payload: body,
        status: "processed",
        receivedAt: new Date(),
      })
      .returning({ id: webhookReceipts.id });
    return { status: 202, id: inserted!.id };
  };
}
