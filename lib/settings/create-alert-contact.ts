import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertContacts, type AlertContact } from "@/db/schema";
import { NotFoundError, ValidationError } from "../errors";
import { requireAdmin } from "../tenancy/roles";
import type { Scope } from "../tenancy/scope";
import type { CreateAlertContactInput } from "./alert-contact-input";

/**
 * Adds an alert contact to one of the caller's accounts (its own, or a merchant its warehouse serves). An
 * account outside the scope is not found; one the caller does not manage (a member, docs/roles.md) is
 * forbidden; an address already on the account is a validation error.
 */
export async function createAlertContact(db: DbOrTx, scope: Scope, input: CreateAlertContactInput, now: Date): Promise<AlertContact> {
  if (!scope.accountIds.includes(input.accountId)) throw new NotFoundError("Account");
  requireAdmin(scope, input.accountId, accountName(scope, input.accountId));
  await assertAddressFree(db, input.accountId, input.email);
  const [row] = await db
    .insert(alertContacts)
    .values({
      accountId: input.accountId,
      name: input.name,
      email: input.email,
      frequency: input.frequency,
      ...contactChoices(input),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** The contact's own choices that were given (docs/emails.md, "Per-contact choices"); the rest keep their defaults or values. */
export function contactChoices(input: Pick<CreateAlertContactInput, "timeZone" | "digestHour" | "hourlyEmailCap" | "alertTopics">) {
  return {
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    ...(input.digestHour !== undefined ? { digestHour: input.digestHour } : {}),
    ...(input.hourlyEmailCap !== undefined ? { hourlyEmailCap: input.hourlyEmailCap } : {}),
    ...(input.alertTopics !== undefined ? { alertTopics: input.alertTopics } : {}),
  };
}

/** One address per account: a second row would send every email twice. */
export async function assertAddressFree(db: DbOrTx, accountId: number, email: string, exceptId?: number) {
  const [taken] = await db
    .select({ id: alertContacts.id })
    .from(alertContacts)
    .where(
      and(eq(alertContacts.accountId, accountId), eq(alertContacts.email, email), exceptId ? ne(alertContacts.id, exceptId) : undefined),
    );
  if (taken) throw new ValidationError(`${email} is already a contact of this account.`, { email: "Already a contact of this account." });
}

/** The account's name when the caller belongs to it, for the refusal's message. */
export function accountName(scope: Scope, accountId: number): string | undefined {
  return scope.memberships.find((m) => m.accountId === accountId)?.name;
}
