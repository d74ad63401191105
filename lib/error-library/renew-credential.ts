import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { connections, deliveries } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { NotFoundError, parseOrRefuse, ValidationError } from "../errors";
import type { ProcessSummary } from "../retry/connection-run";
import { processConnection } from "../retry/process-connection";
import { updateConnectionSettings } from "../settings/connections";
import { within } from "../tenancy/scope";

/** A new credential for a connection whose credential is refused. */
export const RenewCredentialInput = z.object({
  connectionId: z.coerce.number().int().positive(),
  credential: z.string().trim().min(8, "Paste the new credential: at least 8 characters.").max(4_000, "That credential is too long."),
});

export type RenewResult = {
  /** Records the connection was owed when the credential was renewed. */
  waiting: number;
  run: ProcessSummary;
  /** Whether the connection is still down after the probe (the new credential is refused too). */
  stillDown: boolean;
};

/**
 * Fix once, release all, for a refused credential (docs/error-library.md#group-fixes): saves the new credential
 * (write-only, recorded as replaced, by an admin of the connection's account: docs/roles.md) and probes the
 * connection at once instead of at its next probe turn. If the probe is accepted the connection is up, its
 * outage alert resolves and its whole backlog is sent, oldest first, through the engine's claims
 * (docs/rules.md#r10), so nothing a worker holds is sent twice.
 */
export async function renewCredential(ctx: CoreContext, input: unknown): Promise<RenewResult> {
  const { connectionId, credential } = parseOrRefuse(RenewCredentialInput, input, "Check the credential.");
  const { db, scope } = ctx;
  const [connection] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.id, connectionId), within(connections.accountId, scope.merchantIds)));
  if (!connection) throw new NotFoundError("Connection");
  const { changed } = await updateConnectionSettings(ctx, {
    connectionId,
    settings: { syncIntervalMinutes: connection.syncIntervalMinutes, endpointUrl: connection.endpointUrl, credential },
  });
  if (changed === 0)
    throw new ValidationError("That is the credential the connection already uses.", {
      credential: "That is the credential the connection already uses: paste the new one.",
    });
  const [owed] = await db
    .select({ n: sql<number>`count(*)` })
    .from(deliveries)
    .where(and(eq(deliveries.connectionId, connectionId), inArray(deliveries.status, ["pending", "retrying"])));
  // A new credential makes the probe due now: the probe turn is still taken atomically, so two people renewing at
  // once send one probe between them.
  await db
    .update(connections)
    .set({ lastProbeAt: null })
    .where(and(eq(connections.id, connectionId), isNotNull(connections.downSince)));
  const run = await processConnection(ctx, { connectionId, mode: connection.kind === "wms" ? "retry" : "sync" });
  const [after] = await db.select({ downSince: connections.downSince }).from(connections).where(eq(connections.id, connectionId));
  return { waiting: Number(owed?.n ?? 0), run, stillDown: Boolean(after?.downSince) };
}
