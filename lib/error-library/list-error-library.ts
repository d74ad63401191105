import { and, count, desc, eq, min, notInArray } from "drizzle-orm";
import { alerts, connections } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { within } from "../tenancy/scope";
import { explainAlert, rulesInScope } from "./explain-alert";

/** The warehouse's rules, oldest first (the order they are tried in), each with who made it. */
export function listErrorRules(ctx: Pick<CoreContext, "db" | "scope">) {
  return rulesInScope(ctx.db, ctx.scope);
}

/**
 * The most frequent messages of open alerts that no rule or entry recognises: the rules still to write. Grouped by
 * what a rule would match on (platform, status, code, message), each with one alert to make the rule from.
 */
export async function unrecognisedMessages(ctx: Pick<CoreContext, "db" | "scope">, limit = 10) {
  const { db, scope } = ctx;
  if (scope.merchantIds.length === 0) return [];
  const [rows, rules] = await Promise.all([
    db
      .select({
        kind: min(alerts.kind),
        message: alerts.message,
        errorCode: alerts.errorCode,
        httpStatus: alerts.httpStatus,
        connectionPlatform: connections.platform,
        connectionKind: connections.kind,
        alerts: count(),
        sampleAlertId: min(alerts.id),
      })
      .from(alerts)
      .leftJoin(connections, eq(connections.id, alerts.connectionId))
      .where(and(within(alerts.accountId, scope.merchantIds), eq(alerts.state, "open"), notInArray(alerts.kind, ["ship_method_unmapped"])))
      .groupBy(connections.platform, connections.kind, alerts.httpStatus, alerts.errorCode, alerts.message)
      .orderBy(desc(count())),
    rulesInScope(db, scope),
  ]);
  return rows
    .filter(
      (r) =>
        !explainAlert({ ...r, kind: r.kind ?? "order_send_failed", productCode: null, orderId: null, deliveryKind: null }, rules).explained,
    )
    .slice(0, limit);
}
