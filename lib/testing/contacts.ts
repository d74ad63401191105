import type { Db } from "@/db/client";
import { alertContacts, type EmailFrequency } from "@/db/schema";

/** Adds an alert contact to an account, created a while before the test's `now` unless said otherwise. */
export async function addContact(db: Db, accountId: number, email: string, frequency: EmailFrequency, createdAt: Date) {
  const [row] = await db
    .insert(alertContacts)
    .values({ accountId, email, name: email.split("@")[0], frequency, createdAt, updatedAt: createdAt })
    .returning();
  return row!;
}
