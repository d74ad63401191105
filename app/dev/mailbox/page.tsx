import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { listMailbox, mailboxEnabled } from "@/lib/notify/mailbox";
import { getCurrentUser } from "../../_lib/current-scope";

// Reads the environment and the database on each request, never at build time.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Local mailbox" };

const TEMPLATE_LABELS: Record<string, string> = {
  "magic-link": "Sign-in link",
  "action-needed": "Action needed",
  "record-skipped": "Record skipped",
  "giving-up-soon": "Giving up soon",
  "connection-down": "Connection down",
  "connection-recovered": "Connection back up",
  "alert-group": "Several alerts",
  digest: "Digest",
};

/**
 * Local mode only (`next dev` or FIXLINE_MAILBOX=on, never with RESEND_API_KEY): the emails Fixline would
 * have sent to the accounts this user may see, and the sign-in emails addressed to this user, newest first
 * (lib/notify/mailbox.ts, docs/security.md).
 */
export default async function MailboxPage() {
  if (!mailboxEnabled()) notFound();
  const { user, scope, timeZone } = await getCurrentUser();
  const emails = await listMailbox(getDb(), { email: user.email ?? "", scope }, 200);
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <Link href="/alerts" className="text-sm text-indigo-600 hover:underline">
        ← Back to Fixline
      </Link>
      <h1 className="mt-3 text-2xl font-semibold text-slate-900">Local mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        No <code className="font-mono">RESEND_API_KEY</code> is set, so emails stay here instead of being sent: the alert emails and digests
        of the accounts you can see, and sign-in emails addressed to you, exactly as a mail client would show them. Set the key to send them
        through Resend.
      </p>
      {emails.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          No emails yet. Alert emails and digests of your accounts appear here.
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200" data-testid="mailbox">
          {emails.map((email) => (
            <li key={email.id}>
              <Link href={`/dev/mailbox/${email.id}`} className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-slate-50">
                <span className="min-w-0">
                  <span className="block truncate text-sm font-medium text-slate-900">{email.subject}</span>
                  <span className="block truncate text-xs text-slate-500">To {email.to}</span>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1">
                  <Badge tone={email.status === "failed" || email.status === "rejected" ? "red" : "gray"}>
                    {TEMPLATE_LABELS[email.template] ?? email.template}
                  </Badge>
                  <span className="text-xs text-slate-500">{formatDateTime(email.createdAt, timeZone)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
