import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertContacts, type AlertContact } from "@/db/schema";
import { NotFoundError } from "../errors";
import { requireAdmin } from "../tenancy/roles";
import { within, type Scope } from "../tenancy/scope";
import type { UpdateAlertContactInput } from "./alert-contact-input";
import { accountName, assertAddressFree, contactChoices } from "./create-alert-contact";

/**
 * Changes a contact's name, address, frequency, and its own choices (time zone, digest hour, hourly cap,
 * kinds of alerts; each left as it is when not given). Another account's contact is not found; a member may see
 * the contact but not change it (docs/roles.md). A new address
 * makes the unsubscribe links sent to the old one stop working (they are signed with the address).
 */
export async function updateAlertContact(db: DbOrTx, scope: Scope, input: UpdateAlertContactInput, now: Date): Promise<AlertContact> {
  const [contact] = await db
    .select()
    .from(alertContacts)
    .where(and(eq(alertContacts.id, input.id), within(alertContacts.accountId, scope.accountIds)));
  if (!contact) throw new NotFoundError("Alert contact");
  requireAdmin(scope, contact.accountId, accountName(scope, contact.accountId));
  await assertAddressFree(db, contact.accountId, input.email, contact.id);
  const [row] = await db
    .update(alertContacts)
    .set({
      name: input.name,
      email: input.email,
      frequency: input.frequency,
      ...contactChoices(input),
      // Switched back on: what happened while it was off is not emailed at once (docs/emails.md, "Who hears").
      ...(contact.frequency === "off" && input.frequency !== "off" ? { receivingSince: now } : {}),
      updatedAt: now,
    })
    .where(eq(alertContacts.id, contact.id))
    .returning();
  return row!;
}
