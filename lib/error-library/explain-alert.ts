import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { errorRules, users, type AlertKind, type ConnectionKind, type DeliveryKind } from "@/db/schema";
import type { Scope } from "../tenancy/scope";
import { diagnose, type RuleInForce } from "./diagnose";
import type { Diagnosis, Fixer, FixKind } from "./types";

/** What an alert says about its error, as the library reads it. */
export type AlertErrorFacts = {
  kind: AlertKind;
  message: string;
  errorCode: string | null;
  httpStatus: number | null;
  productCode: string | null;
  orderId: number | null;
  connectionPlatform: string | null;
  connectionKind: ConnectionKind | null;
  deliveryKind: DeliveryKind | null;
};

/** A diagnosis as people see it: who fixes it in words, and the one action, with the page that does it. */
export type Explanation = Diagnosis & { fixerLabel: string; action: { label: string; href: string | null } };

const FIXER_LABELS: Record<Fixer, string> = {
  merchant: "The merchant",
  warehouse: "The warehouse",
  vendor: "The system's vendor",
  nobody: "Nobody: it heals by itself",
};

/** The one action that fixes an error, and where it is done (docs/error-library.md#fixes). */
function actionFor(fix: FixKind, facts: AlertErrorFacts, diagnosis: Diagnosis): Explanation["action"] {
  const order = facts.orderId ? `/orders/${facts.orderId}` : null;
  const sku = diagnosis.subject?.sku ?? facts.productCode;
  switch (fix) {
    case "edit_address":
      return { label: "Correct the address on the order", href: order };
    case "map_ship_method":
      return {
        label: "Map the ship method",
        href: `/settings/ship-methods${diagnosis.subject?.label ? `?label=${encodeURIComponent(diagnosis.subject.label)}` : ""}`,
      };
    case "map_sku":
      return {
        label: sku ? `Map SKU ${sku} to a WMS item, or add it in the WMS` : "Map the SKU to a WMS item",
        href: `/settings/sku-mappings${sku ? `?sku=${encodeURIComponent(sku)}` : ""}`,
      };
    case "renew_credential":
      return { label: "Renew the connection's credential", href: "/settings/connections" };
    case "check_in_wms":
      return { label: "Check the record in the WMS, then resend or dismiss", href: null };
    case "check_in_cart":
      return { label: "Check the record in the cart, then retry or dismiss", href: null };
    case "contact_vendor":
      return { label: "Ask the system's vendor, with the message below", href: null };
    case "wait":
      return { label: "Nothing to do: Fixline retries until it goes through", href: null };
  }
}

export function explainAlert(facts: AlertErrorFacts, rules: readonly RuleInForce[] = []): Explanation {
  const diagnosis = diagnose(
    {
      platform: facts.connectionPlatform,
      connectionKind: facts.connectionKind,
      deliveryKind: facts.deliveryKind,
      status: facts.httpStatus,
      code: facts.errorCode,
      message: facts.message,
      sku: facts.productCode,
    },
    rules,
  );
  return { ...diagnosis, fixerLabel: FIXER_LABELS[diagnosis.fixer], action: actionFor(diagnosis.fix, facts, diagnosis) };
}

/** The error rules of the warehouses the caller sees (its own, or the one serving its merchant), oldest first. */
export async function rulesInScope(db: DbOrTx, scope: Pick<Scope, "warehouseIds">): Promise<RuleInForce[]> {
  return rulesOfWarehouses(db, scope.warehouseIds);
}

export async function rulesOfWarehouses(db: DbOrTx, warehouseIds: number[]): Promise<RuleInForce[]> {
  if (warehouseIds.length === 0) return [];
  const rows = await db
    .select({ rule: errorRules, madeByName: users.name })
    .from(errorRules)
    .leftJoin(users, eq(users.id, errorRules.createdByUserId))
    .where(inArray(errorRules.warehouseId, warehouseIds))
    .orderBy(errorRules.id);
  return rows.map((r) => ({ ...r.rule, madeByName: r.madeByName }));
}
