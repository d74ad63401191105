import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import {
  accounts,
  alerts,
  connections,
  type Alert,
  type Connection,
  deliveries,
  errorRules,
  orders,
  RULE_TREATMENTS,
  type ErrorRule,
  type RuleTreatment,
} from "@/db/schema";
import { addAlertEvents } from "../alerts/record-alert";
import { retrySettings, type CoreContext } from "../core/context";
import { NotFoundError, parseOrRefuse } from "../errors";
import { noteConnectionHealth } from "../retry/connection-health";
import { retryWindowMs } from "../retry/policy";
import { within } from "../tenancy/scope";
import { ruleMatches } from "./diagnose";
import { warehouseScope } from "./release-held-on-sku";
import { warehouseToManage } from "./rule-access";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

/** A rule as a warehouse admin sets it (docs/error-library.md#rules): at least one condition, and how to treat a match. */
export const ErrorRuleInput = z
  .object({
    ruleId: z.coerce.number().int().positive().optional(),
    platform: optionalText(80),
    connectionKind: z
      .enum(["cart", "wms", ""])
      .optional()
      .transform((v) => (v ? v : null)),
    httpStatus: z
      .union([z.literal(""), z.coerce.number().int().min(100, "An HTTP status is 100–599.").max(599, "An HTTP status is 100–599.")])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    errorCode: optionalText(80),
    messageContains: optionalText(300),
    treatAs: z.enum(RULE_TREATMENTS, { message: "Choose how to treat errors like this." }),
    note: optionalText(200),
  })
  .refine((r) => r.platform || r.connectionKind || r.httpStatus != null || r.errorCode || r.messageContains, {
    message: "Give at least one condition: a part of the message, an error code, an HTTP status or a platform.",
    path: ["messageContains"],
  });
export type ErrorRuleInput = z.input<typeof ErrorRuleInput>;
type ParsedRule = z.output<typeof ErrorRuleInput>;

function parse(input: unknown): ParsedRule {
  return parseOrRefuse(ErrorRuleInput, input, "Check the rule.");
}

const TREATED: Record<RuleTreatment, string> = {
  needs_person: "as needing a person: held, not retried",
  retryable: "as retryable: retried on its cadence",
  connection: "as a problem of the whole connection",
};

/** The open alerts of the warehouse's merchants that a rule matches, with what the rule needs to change them. */
async function matchingOpenAlerts(
  db: DbOrTx,
  merchantIds: number[],
  rule: Pick<ErrorRule, "platform" | "connectionKind" | "httpStatus" | "errorCode" | "messageContains" | "treatAs">,
) {
  if (merchantIds.length === 0) return [];
  const rows = await db
    .select({
      alert: alerts,
      merchantName: accounts.name,
      connection: connections,
      delivery: deliveries,
    })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .leftJoin(deliveries, eq(deliveries.id, alerts.deliveryId))
    .where(and(within(alerts.accountId, merchantIds), eq(alerts.state, "open")))
    .orderBy(desc(alerts.lastSeenAt), desc(alerts.id));
  const asRule = {
    ...rule,
    id: 0,
    warehouseId: 0,
    note: null,
    createdByUserId: null,
    updatedByUserId: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
  const hold = rule.treatAs === "needs_person";
  // The alerts it changes: those of a record still in the engine's hands (not a skipped record, an outage or
  // Fixline's own hold before sending) that the rule moves from retried to held, or back — and for a connection
  // problem, also those whose connection it marks down.
  const changes = (r: (typeof rows)[number]) =>
    r.alert.needsPerson !== hold || (rule.treatAs === "connection" && r.connection != null && !r.connection.downSince);
  return rows.filter(
    (r) =>
      !["ship_method_unmapped", "connection_down", "record_skipped"].includes(r.alert.kind) &&
      changes(r) &&
      ruleMatches(asRule, {
        platform: r.connection?.platform ?? null,
        connectionKind: r.connection?.kind ?? null,
        deliveryKind: r.delivery?.kind ?? null,
        status: r.alert.httpStatus,
        code: r.alert.errorCode,
        message: r.alert.message,
      }),
  );
}

export type RulePreview = {
  count: number;
  alerts: { id: number; label: string; merchantName: string; message: string; needsPerson: boolean }[];
  /** A connection-problem rule's connections that saving it marks down (docs/error-library.md#rules). */
  connectionsDown: string[];
};

/** The connections a connection-problem rule marks down: those of the alerts it changes that are up now. */
function connectionsToMarkDown(rule: Pick<ErrorRule, "treatAs">, rows: Awaited<ReturnType<typeof matchingOpenAlerts>>) {
  if (rule.treatAs !== "connection") return [];
  const up = new Map<number, { connection: Connection; alert: Alert }>();
  for (const { connection, alert } of rows)
    if (connection && !connection.downSince && !up.has(connection.id)) up.set(connection.id, { connection, alert });
  return [...up.values()];
}

/** The open alerts a rule would change, before it is saved: exactly those saving it changes. */
export async function previewErrorRule(ctx: CoreContext, input: unknown): Promise<RulePreview> {
  const rule = parse(input);
  const warehouseId = warehouseToManage(ctx.scope, "the error library");
  const scope = await warehouseScope(ctx, warehouseId);
  const rows = await matchingOpenAlerts(ctx.db, scope.merchantIds, rule);
  return {
    count: rows.length,
    alerts: rows.slice(0, 20).map((r) => ({
      id: r.alert.id,
      label: r.alert.orderNumber ?? r.alert.productCode ?? `Alert ${r.alert.id}`,
      merchantName: r.merchantName,
      message: r.alert.message,
      needsPerson: r.alert.needsPerson,
    })),
    connectionsDown: connectionsToMarkDown(rule, rows).map((c) => c.connection.name),
  };
}

/**
 * Saves a rule (new, or a change to one) for the caller's warehouse and applies it at once to the open alerts it
 * matches — the alerts its preview listed: held or released as it says, each with a history line naming who made
 * it. A record a worker holds right now is left to its worker (docs/rules.md#r9) and follows the rule at its next
 * answer. Only a warehouse admin may (docs/roles.md).
 */
export async function saveErrorRule(ctx: CoreContext, input: unknown): Promise<{ rule: ErrorRule; changed: number; busy: number }> {
  const parsed = parse(input);
  const warehouseId = warehouseToManage(ctx.scope, "the error library");
  const userId = ctx.actor.type === "user" ? ctx.actor.userId : null;
  const { ruleId, ...fields } = parsed;
  const { now } = ctx;
  let rule: ErrorRule | undefined;
  if (ruleId) {
    [rule] = await ctx.db
      .update(errorRules)
      .set({ ...fields, updatedByUserId: userId, updatedAt: now })
      .where(and(eq(errorRules.id, ruleId), eq(errorRules.warehouseId, warehouseId)))
      .returning();
    if (!rule) throw new NotFoundError("Rule");
  } else {
    [rule] = await ctx.db
      .insert(errorRules)
      .values({ ...fields, warehouseId, createdByUserId: userId, createdAt: now, updatedAt: now })
      .returning();
  }
  const scope = await warehouseScope(ctx, warehouseId);
  const { changed, busy } = await applyRule(ctx, rule!, scope.merchantIds);
  return { rule: rule!, changed, busy };
}

async function applyRule(ctx: CoreContext, rule: ErrorRule, merchantIds: number[]) {
  const { db, now } = ctx;
  const rows = await matchingOpenAlerts(db, merchantIds, rule);
  const detail = `Error rule #${rule.id}: errors like this are treated ${TREATED[rule.treatAs]}.`;
  let changed = 0;
  let busy = 0;
  await db.transaction(async (tx) => {
    for (const { alert, delivery } of rows) {
      const free = or(isNull(deliveries.leaseExpiresAt), lt(deliveries.leaseExpiresAt, now));
      if (delivery && delivery.leaseExpiresAt && delivery.leaseExpiresAt > now) {
        busy++;
        continue;
      }
      const hold = rule.treatAs === "needs_person";
      await tx.update(alerts).set({ needsPerson: hold }).where(eq(alerts.id, alert.id));
      if (delivery && (delivery.status === "retrying" || delivery.status === "held")) {
        if (hold && delivery.status === "retrying") {
          await tx
            .update(deliveries)
            .set({ status: "held", nextAttemptAt: null, giveUpAt: null, updatedAt: now })
            .where(and(eq(deliveries.id, delivery.id), free));
          if (delivery.orderId)
            await tx
              .update(orders)
              .set({ status: "held", updatedAt: now })
              .where(and(eq(orders.id, delivery.orderId), inArray(orders.status, ["error"])));
        }
        if (!hold && delivery.status === "held") {
          const [conn] = await tx.select().from(connections).where(eq(connections.id, delivery.connectionId));
          const first = delivery.firstFailureAt ?? now;
          const giveUpAt = new Date(first.getTime() + retryWindowMs(delivery.kind, conn?.syncIntervalMinutes ?? 15, retrySettings(ctx)));
          await tx
            .update(deliveries)
            .set({ status: "retrying", nextAttemptAt: now, firstFailureAt: first, giveUpAt, updatedAt: now })
            .where(and(eq(deliveries.id, delivery.id), free));
          await tx.update(alerts).set({ giveUpAt }).where(eq(alerts.id, alert.id));
          if (delivery.orderId)
            await tx
              .update(orders)
              .set({ status: "error", updatedAt: now })
              .where(and(eq(orders.id, delivery.orderId), inArray(orders.status, ["held"])));
        }
      }
      await addAlertEvents(tx, [alert.id], "edited", detail, ctx.actor, now);
      changed++;
    }
    // A connection problem pauses the connection's sends at once, as the engine does when it meets such an answer:
    // one outage alert, probes every few minutes, the backlog sent when one is accepted (docs/rules.md#r10).
    for (const { connection, alert } of connectionsToMarkDown(rule, rows)) {
      // The pick above was read before this transaction: a connection the engine marked down since keeps its one
      // outage and its history as they are (no second "Probe failed" line).
      const [current] = await tx.select({ downSince: connections.downSince }).from(connections).where(eq(connections.id, connection.id));
      if (!current || current.downSince) continue;
      const outcome = {
        kind: "transient" as const,
        status: alert.httpStatus,
        code: alert.errorCode,
        message: alert.message,
        retryAfterMs: null,
        connectionLevel: true as const,
        decidedBy: {
          id: `rule:${rule.id}`,
          headline: `Error rule #${rule.id} treats this answer as the connection's problem`,
          fix: "renew_credential" as const,
        },
      };
      await noteConnectionHealth(tx, connection, outcome, now, retrySettings(ctx));
    }
  });
  return { changed, busy };
}

/** Removes a rule of the caller's warehouse. Open alerts keep their state; later answers follow the library again. */
export async function deleteErrorRule(ctx: CoreContext, input: { ruleId: number }) {
  const warehouseId = warehouseToManage(ctx.scope, "the error library");
  const [gone] = await ctx.db
    .delete(errorRules)
    .where(and(eq(errorRules.id, input.ruleId), eq(errorRules.warehouseId, warehouseId)))
    .returning();
  if (!gone) throw new NotFoundError("Rule");
  return gone;
}
