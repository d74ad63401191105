import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, connections } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { NotFoundError } from "../errors";
import { requireAdmin } from "../tenancy/roles";
import { within, type Scope } from "../tenancy/scope";
import { webhookConnectionCache } from "./connection-cache";

/** How long the replaced secret is still accepted after a rotation, so events in flight are not lost. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

async function visibleConnection(db: DbOrTx, scope: Scope, connectionId: number) {
  const [row] = await db
    .select({ connection: connections, merchant: { id: accounts.id, name: accounts.name } })
    .from(connections)
    .innerJoin(accounts, eq(accounts.id, connections.accountId))
    .where(and(eq(connections.id, connectionId), within(connections.accountId, scope.merchantIds)));
  if (!row) throw new NotFoundError("Connection");
  return row;
}

/**
 * The connection's current signing secret, for the person setting up its connector: an admin of the merchant
 * or of the warehouse serving it (docs/roles.md). Whoever holds the secret can forge the connector's events.
 */
export async function revealWebhookSecret(
  ctx: Pick<CoreContext, "db" | "scope">,
  { connectionId }: { connectionId: number },
): Promise<{ secret: string }> {
  const { db, scope } = ctx;
  const { connection, merchant } = await visibleConnection(db, scope, connectionId);
  requireAdmin(scope, merchant.id, merchant.name);
  return { secret: connection.webhookSecret };
}

/**
 * Replaces the signing secret. The replaced one is still accepted for 24 hours, so a connector can switch
 * without losing events; a secret replaced by an earlier rotation stops working now. Admins only, as above.
 */
export async function rotateWebhookSecret(ctx: Pick<CoreContext, "db" | "scope" | "now">, { connectionId }: { connectionId: number }) {
  const { db, scope, now } = ctx;
  const { connection, merchant } = await visibleConnection(db, scope, connectionId);
  requireAdmin(scope, merchant.id, merchant.name);
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS);
  await db
    .update(connections)
    .set({ webhookSecret: secret, previousWebhookSecret: connection.webhookSecret, previousSecretExpiresAt, updatedAt: now })
    .where(eq(connections.id, connection.id));
  webhookConnectionCache().forget(connection.id);
  return { secret, previousSecretExpiresAt };
}
