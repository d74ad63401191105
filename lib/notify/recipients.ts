import { eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertContacts, type AlertContact } from "@/db/schema";

export type Recipient = AlertContact & { accountName: string };

/**
 * The contacts who hear about a merchant's alerts: the merchant's own and those of the warehouse serving it
 * (both parties care). Contacts whose emails are off are left out.
 */
export async function loadRecipients(db: DbOrTx): Promise<(merchantId: number) => Recipient[]> {
  const rows = await db
    .select({ contact: alertContacts, accountName: accounts.name })
    .from(alertContacts)
    .innerJoin(accounts, eq(accounts.id, alertContacts.accountId))
    .where(ne(alertContacts.frequency, "off"))
    .orderBy(alertContacts.id);
  const merchants = await db
    .select({ id: accounts.id, warehouseId: accounts.warehouseId })
    .from(accounts)
    .where(eq(accounts.kind, "merchant"));
  const warehouseOf = new Map(merchants.map((m) => [m.id, m.warehouseId]));
  const byAccount = new Map<number, Recipient[]>();
  for (const { contact, accountName } of rows) {
    const list = byAccount.get(contact.accountId) ?? [];
    list.push({ ...contact, accountName });
    byAccount.set(contact.accountId, list);
  }
  return (merchantId) => {
    const warehouseId = warehouseOf.get(merchantId);
    return [...(byAccount.get(merchantId) ?? []), ...(warehouseId != null ? (byAccount.get(warehouseId) ?? []) : [])];
  };
}
