import type { DbOrTx } from "@/db/client";
import { alertContacts } from "@/db/schema";
import { isWarehouseUser, within, type Scope } from "../tenancy/scope";

type HistoryEvent = { type: string; detail: string | null; at: Date; alertId?: number };

// As lib/notify/send-alert-emails.ts writes it: one event per contact emailed.
const EMAILED = /^Emailed to (\S+) \((.+)\)\.$/;

/**
 * An alert's history as the caller may read it. An email goes to the merchant's contacts and to its
 * warehouse's; a merchant user sees the addresses of its own account's contacts only, and a count for the
 * rest: "Emailed to sam@… and 2 warehouse contacts (…)." in place of the events of that one sending.
 * A warehouse user sees every contact already, so its history is unchanged. `own` is ownContactAddresses',
 * read beside the history.
 */
export function redactEmailedTo<T extends HistoryEvent>(scope: Scope, history: T[], own: Set<string> | null): T[] {
  if (isWarehouseUser(scope) || !own || !history.some((e) => e.type === "emailed")) return history;
  return groupEmailedTo(history, own);
}

/** The addresses a merchant user may read in a history (lower case); null for a warehouse user, who reads all. */
export async function ownContactAddresses(db: DbOrTx, scope: Scope): Promise<Set<string> | null> {
  if (isWarehouseUser(scope)) return null;
  const own = await db.select({ email: alertContacts.email }).from(alertContacts).where(within(alertContacts.accountId, scope.accountIds));
  return new Set(own.map((c) => c.email.toLowerCase()));
}

/** The pure part of redactEmailedTo: `visible` holds the addresses the caller may read (lower case). */
export function groupEmailedTo<T extends HistoryEvent>(history: T[], visible: Set<string>): T[] {
  const groups = new Map<string, { first: T; shown: string[]; hidden: number; why: string }>();
  const out: T[] = [];
  for (const event of history) {
    const match = event.type === "emailed" && event.detail ? EMAILED.exec(event.detail) : null;
    if (!match) {
      out.push(event);
      continue;
    }
    const [, address, why] = match as unknown as [string, string, string];
    const key = `${event.alertId ?? ""}|${event.at.getTime()}|${why}`;
    let group = groups.get(key);
    if (!group) {
      group = { first: event, shown: [], hidden: 0, why };
      groups.set(key, group);
      out.push(event);
    }
    if (visible.has(address.toLowerCase())) group.shown.push(address);
    else group.hidden++;
  }
  const rewritten = new Map([...groups.values()].map((g) => [g.first, { ...g.first, detail: describe(g) }]));
  return out.map((e) => rewritten.get(e) ?? e);
}

function describe({ shown, hidden, why }: { shown: string[]; hidden: number; why: string }): string {
  const others = hidden ? `${hidden} warehouse ${hidden === 1 ? "contact" : "contacts"}` : "";
  const to = shown.length && others ? `${shown.join(", ")} and ${others}` : shown.join(", ") || others;
  return `Emailed to ${to} (${why}).`;
}
