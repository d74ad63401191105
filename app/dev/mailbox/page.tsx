import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { listOutbox } from "@/lib/notify/deliver-email";

// Reads the environment and the database on each request, never at build time.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Local outbox" };

/** Local mode only (no RESEND_API_KEY): the emails Fixline would have sent, so a fresh install needs no account. */
export default async function OutboxPage() {
  if (process.env.RESEND_API_KEY) notFound();
  const emails = await listOutbox(getDb());
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <h1 className="text-2xl font-semibold text-slate-900">Local outbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        No <code className="font-mono">RESEND_API_KEY</code> is set, so emails stay here instead of being sent. Set it to send
        them through Resend.
      </p>
      {emails.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          No emails yet. Sign-in links and alert emails appear here.
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
          {emails.map((email) => (
            <li key={email.id}>
              <Link href={`/outbox/${email.id}`} className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-slate-50">
                <span>
                  <span className="block text-sm font-medium text-slate-900">{email.subject}</span>
                  <span className="block text-xs text-slate-500">To {email.to}</span>
                </span>
                <span className="shrink-0 text-xs text-slate-500">{formatDateTime(email.createdAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
