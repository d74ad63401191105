import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertEvents, alerts, connections, deliveries, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import { redactEmailedTo } from "./emailed-to";
import { within, type Scope } from "../tenancy/scope";

export type AlertDetail = Awaited<ReturnType<typeof getAlert>>;

/**
 * One alert of the caller's, with its connection, delivery and full history (a merchant user reads only its own
 * contacts' addresses in it); another tenant's is not found.
 */
export async function getAlert(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select({ alert: alerts, merchantName: accounts.name, connection: connections, delivery: deliveries })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .leftJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
    .where(and(eq(alerts.id, id), within(alerts.accountId, scope.merchantIds)));
  if (!row) throw new NotFoundError("Alert");
  const history = await db
    .select({ id: alertEvents.id, type: alertEvents.type, detail: alertEvents.detail, at: alertEvents.at, actorName: users.name })
    .from(alertEvents)
    .leftJoin(users, eq(users.id, alertEvents.actorUserId))
    .where(eq(alertEvents.alertId, id))
    .orderBy(asc(alertEvents.at), asc(alertEvents.id));
  return { ...row, history: await redactEmailedTo(db, scope, history) };
}
