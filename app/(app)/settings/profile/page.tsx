import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import type { EmailFrequency } from "@/db/schema";
import { listAlertContacts } from "@/lib/settings/list-settings";
import { getCurrentUser } from "../../../_lib/current-scope";

export const metadata: Metadata = { title: "Profile & Billing" };

const FREQUENCY_LABELS: Record<EmailFrequency, string> = {
  immediate: "Immediately",
  hourly: "Hourly digest",
  daily: "Daily digest",
  weekly: "Weekly digest",
  off: "Off",
};

export default async function ProfilePage() {
  const { user, scope } = await getCurrentUser();
  const contacts = await listAlertContacts(getDb(), scope);
  return (
    <>
      <PageHeader title="Profile & Billing" description="Who you are, and who receives alert emails and how often." />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Profile">
          <p className="text-sm font-medium text-slate-900">{user.name}</p>
          <p className="text-sm text-slate-600">{user.email}</p>
          <ul className="mt-4 space-y-1 text-sm">
            {scope.memberships.map((m) => (
              <li key={m.accountId} className="flex items-center gap-2">
                {m.name} <Badge>{m.kind}</Badge> <Badge tone="indigo">{m.role}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Alert contacts" className="lg:col-span-2">
          <p className="mb-4 text-sm text-slate-600">
            Alerts that need a person and skipped records are emailed at once to every contact that is not off; other alerts that
            retrying has not resolved are gathered into a digest at each contact&apos;s frequency.
          </p>
          {contacts.length === 0 ? (
            <EmptyState title="No alert contacts" />
          ) : (
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2">Contact</th>
                  <th className="py-2">Account</th>
                  <th className="py-2">Emails</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {contacts.map(({ contact, accountName }) => (
                  <tr key={contact.id}>
                    <td className="py-2">
                      <span className="block font-medium text-slate-900">{contact.name ?? contact.email}</span>
                      {contact.name ? <span className="block text-xs text-slate-500">{contact.email}</span> : null}
                    </td>
                    <td className="py-2 text-slate-700">{accountName}</td>
                    <td className="py-2">
                      <Badge tone={contact.frequency === "off" ? "gray" : "indigo"}>{FREQUENCY_LABELS[contact.frequency]}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
