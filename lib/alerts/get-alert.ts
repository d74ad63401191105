import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertEvents, alerts, connections, deliveries, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import { ownContactAddresses, redactEmailedTo } from "./emailed-to";
import { within, type Scope } from "../tenancy/scope";

export type AlertDetail = Awaited<ReturnType<typeof getAlert>>;

/**
 * One alert of the caller's, with its connection, delivery and full history (a merchant user reads only its own
 * contacts' addresses in it); another tenant's is not found. The history is read under the alert's own scope
 * filter, so every read runs at once: one round trip on a server (bench/round-trips.ts).
 */
export async function getAlert(db: DbOrTx, scope: Scope, id: number) {
  const inScope = and(eq(alerts.id, id), within(alerts.accountId, scope.merchantIds));
  const [[row], history, ownContacts] = await Promise.all([
    db
      .select({ alert: alerts, merchantName: accounts.name, connection: connections, delivery: deliveries })
      .from(alerts)
      .innerJoin(accounts, eq(accounts.id, alerts.accountId))
      .leftJoin(connections, eq(connections.id, alerts.connectionId))
      .leftJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
      .where(inScope),
    db
      .select({ id: alertEvents.id, type: alertEvents.type, detail: alertEvents.detail, at: alertEvents.at, actorName: users.name })
      .from(alertEvents)
      .leftJoin(users, eq(users.id, alertEvents.actorUserId))
      .where(and(eq(alertEvents.alertId, id), inArray(alertEvents.alertId, db.select({ id: alerts.id }).from(alerts).where(inScope))))
      .orderBy(asc(alertEvents.at), asc(alertEvents.id)),
    ownContactAddresses(db, scope),
  ]);
  if (!row) throw new NotFoundError("Alert");
  return { ...row, history: redactEmailedTo(scope, history, ownContacts) };
}
