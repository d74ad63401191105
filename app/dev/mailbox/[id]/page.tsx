import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { getMailboxEmail, mailboxEnabled } from "@/lib/notify/mailbox";
import { getCurrentUser, idParam } from "../../../_lib/current-scope";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email" };

/** The widths a mail client shows an email at: a desktop reading pane and a phone. */
const WIDTHS = { desktop: 600, phone: 375 } as const;
type Width = keyof typeof WIDTHS;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ width?: string }> };

export default async function MailboxEmailPage({ params, searchParams }: Props) {
  if (!mailboxEnabled()) notFound();
  const { user, scope, timeZone } = await getCurrentUser();
  // Another tenant's email, or a sign-in email addressed to someone else, is "not found" like a missing one.
  const email = await getMailboxEmail(getDb(), { email: user.email ?? "", scope }, idParam((await params).id));
  if (!email) notFound();
  const requested = (await searchParams).width;
  const width: Width = requested === "phone" ? "phone" : "desktop";
  // Links in the email open in this tab, as they would from a mail client.
  const html = email.html.replace(/<head>/i, '<head><base target="_top">').replaceAll('target="_blank"', 'target="_top"');
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <Link href="/dev/mailbox" className="text-sm text-indigo-600 hover:underline">
        ← Mailbox
      </Link>
      <h1 className="mt-3 text-xl font-semibold text-slate-900">{email.subject}</h1>
      <dl className="mt-2 text-sm text-slate-600">
        <div>
          <dt className="inline font-medium">To: </dt>
          <dd className="inline">{email.to}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Kept: </dt>
          <dd className="inline">{formatDateTime(email.createdAt, timeZone)}</dd>
        </div>
      </dl>
      <nav className="mt-6 flex gap-2 text-sm" aria-label="Width">
        {(Object.keys(WIDTHS) as Width[]).map((w) => (
          <Link
            key={w}
            href={`/dev/mailbox/${email.id}${w === "phone" ? "?width=phone" : ""}`}
            aria-current={w === width ? "page" : undefined}
            className={`rounded-md px-3 py-1 ring-1 ${w === width ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
          >
            {w === "desktop" ? "Desktop" : "Phone"} · {WIDTHS[w]} px
          </Link>
        ))}
      </nav>
      <iframe
        title="Email body"
        srcDoc={html}
        sandbox="allow-top-navigation-by-user-activation allow-popups"
        style={{ width: WIDTHS[width] + 2 }}
        className="mt-3 h-[85vh] min-h-[560px] max-w-full rounded-lg bg-white ring-1 ring-slate-200"
      />
      <details className="mt-4 text-sm text-slate-600">
        <summary className="cursor-pointer">Plain-text version</summary>
        <pre className="mt-2 rounded-lg bg-white p-4 font-mono text-xs whitespace-pre-wrap ring-1 ring-slate-200">{email.text}</pre>
      </details>
    </main>
  );
}
