import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { getOutboxEmail } from "@/lib/notify/deliver-email";
import { idParam } from "../../_lib/current-scope";

export const metadata: Metadata = { title: "Email" };

export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  if (process.env.RESEND_API_KEY) notFound();
  const email = await getOutboxEmail(getDb(), idParam((await params).id));
  if (!email) notFound();
  // Links in the email open in this tab, as they would from a mail client.
  const html = email.html.replace(/<head>/i, '<head><base target="_top">').replaceAll('target="_blank"', 'target="_top"');
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <Link href="/outbox" className="text-sm text-indigo-600 hover:underline">
        ← Outbox
      </Link>
      <h1 className="mt-3 text-xl font-semibold text-slate-900">{email.subject}</h1>
      <dl className="mt-2 text-sm text-slate-600">
        <div>
          <dt className="inline font-medium">To: </dt>
          <dd className="inline">{email.to}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Kept: </dt>
          <dd className="inline">{formatDateTime(email.createdAt)}</dd>
        </div>
      </dl>
      <iframe
        title="Email body"
        srcDoc={html}
        sandbox="allow-top-navigation-by-user-activation allow-popups"
        className="mt-6 h-[560px] w-full rounded-lg bg-white ring-1 ring-slate-200"
      />
      <details className="mt-4 text-sm text-slate-600">
        <summary className="cursor-pointer">Plain-text version</summary>
        <pre className="mt-2 whitespace-pre-wrap rounded-lg bg-white p-4 font-mono text-xs ring-1 ring-slate-200">{email.text}</pre>
      </details>
    </main>
  );
}
