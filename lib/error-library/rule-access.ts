import { ForbiddenError, ValidationError } from "../errors";
import { canManage } from "../tenancy/roles";
import type { Scope } from "../tenancy/scope";

/** The warehouses whose error rules and SKU mappings the caller manages: those it is an admin of (docs/roles.md). */
export function managedWarehouses(scope: Scope): number[] {
  return scope.memberships.filter((m) => m.kind === "warehouse" && canManage(scope, m.accountId)).map((m) => m.accountId);
}

/** Whether the caller may make, change and remove the warehouse's error rules: a warehouse admin only. */
export function canMakeErrorRules(scope: Scope): boolean {
  return managedWarehouses(scope).length > 0;
}

/**
 * The warehouse a rule or SKU mapping is saved for. A merchant user, or a member of the warehouse, is refused
 * (docs/roles.md): they see the explanations, never change the warehouse's library.
 */
export function warehouseToManage(scope: Scope, what: string, requested?: number): number {
  const own = managedWarehouses(scope);
  if (own.length === 0) throw new ForbiddenError(`Only an admin of the warehouse can change ${what}.`);
  if (requested === undefined) {
    if (own.length > 1) throw new ValidationError("Choose the warehouse.", { warehouseId: "Choose a warehouse." });
    return own[0]!;
  }
  if (!own.includes(requested)) throw new ForbiddenError(`Only an admin of the warehouse can change ${what}.`);
  return requested;
}
