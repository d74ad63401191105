import type { Metadata } from "next";
import { AlertContacts, type ContactRow } from "@/components/settings/alert-contacts";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { TimeZoneOptions } from "@/components/settings/time-zone-options";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import type { AlertContact } from "@/db/schema";
import { formatDateTime } from "@/lib/format/time";
import { upcomingDigestAt } from "@/lib/notify/digest-schedule";
import { listAlertContacts, listContactAccounts } from "@/lib/settings/list-settings";
import { adminOnlyMessage, canManage } from "@/lib/tenancy/roles";
import { getCurrentUser } from "../../../_lib/current-scope";
import {
  addAlertContactAction,
  changePasswordAction,
  removeAlertContactAction,
  setTimeZoneAction,
  updateAlertContactAction,
} from "./actions";

export const metadata: Metadata = { title: "Profile & Billing" };

/** The zones this runtime knows, UTC first: the time-zone field suggests them, the core checks any typed one. */

/** When a contact next hears from Fixline, in words. */
function schedule(contact: AlertContact, now: Date): string {
  const next = upcomingDigestAt(contact, now);
  if (!next) return "No emails";
  // In the contact's own zone, named (docs/emails.md, "Per-contact choices").
  const when = formatDateTime(next, contact.timeZone);
  if (contact.frequency === "immediate") return `Alerts that need a person at once; the rest hourly, next ${when}`;
  return `Next digest ${when}`;
}

export default async function ProfilePage() {
  const { user, scope, timeZone } = await getCurrentUser();
  const db = getDb();
  const [contacts, accounts] = await Promise.all([listAlertContacts(db, scope), listContactAccounts(db, scope)]);
  const now = new Date();
  const rows: ContactRow[] = contacts.map(({ contact, accountName }) => ({
    id: contact.id,
    name: contact.name,
    email: contact.email,
    frequency: contact.frequency,
    accountName,
    schedule: schedule(contact, now),
    canEdit: canManage(scope, contact.accountId),
    choices: {
      timeZone: contact.timeZone,
      digestHour: contact.digestHour,
      hourlyEmailCap: contact.hourlyEmailCap,
      alertTopics: contact.alertTopics,
    },
  }));
  // A member sees every contact of its accounts but changes none (docs/roles.md); each email's unsubscribe link
  // still lets anyone stop the emails sent to them.
  const managed = accounts.filter((a) => canManage(scope, a.id));
  const readOnly = accounts.filter((a) => !canManage(scope, a.id)).map((a) => adminOnlyMessage(a.name));
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
          <h3 className="mt-6 text-sm font-semibold text-slate-900">Time zone</h3>
          <p className="mt-1 text-xs text-slate-500">
            Every time on your pages is written in it, and named. Each alert contact below has its own zone for its emails.
          </p>
          <div className="mt-2">
            <TimeZoneForm action={setTimeZoneAction} current={timeZone} />
            {/* The zone suggestions of every field on this page, once. */}
            <TimeZoneOptions />
          </div>
          <h3 className="mt-6 text-sm font-semibold text-slate-900">Password</h3>
          <div className="mt-2">
            <ChangePasswordForm action={changePasswordAction} />
          </div>
        </Card>
        <Card title="Alert contacts" className="lg:col-span-2">
          <p className="mb-4 text-sm text-slate-600">
            Alerts that need a person and skipped records are emailed at once to every contact that is not off, each with a link to the page
            that fixes it; several at once come as one email, up to each contact&apos;s hourly limit (the rest wait for its next email).
            Other alerts that retrying has not resolved are gathered into a digest at each contact&apos;s frequency: hourly on the hour,
            daily at the contact&apos;s hour in its time zone (08:00 UTC unless set), weekly on Mondays at that hour. Each contact can
            choose the kinds of alerts it receives.
          </p>
          {readOnly.length ? (
            <Notice tone="info" testId="read-only" className="mb-4">
              {readOnly.join(" ")} Every alert email has a link that stops emails to its address.
            </Notice>
          ) : null}
          <AlertContacts
            contacts={rows}
            accounts={managed}
            actions={{ add: addAlertContactAction, update: updateAlertContactAction, remove: removeAlertContactAction }}
          />
        </Card>
      </div>
    </>
  );
}
