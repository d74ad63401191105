import type { Metadata } from "next";
import Link from "next/link";
import { signInLinkDelivery } from "@/lib/notify/mailbox";

// Reads the environment and the database on each request, never at build time.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  const local = signInLinkDelivery() === "local";
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">Check your email</h1>
        <p className="mt-3 text-sm text-slate-600">
          If that address has a Fixline account, a sign-in link is on its way. It works once and expires in 24 hours.
        </p>
        {local ? (
          <p
            data-testid="local-sign-in-link"
            className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200"
          >
            Local mode: no email provider is set, so the link was not emailed. It is printed in the terminal that runs Fixline (
            <code className="font-mono">npm run dev</code>).
          </p>
        ) : null}
        <p className="mt-5 text-sm">
          <Link href="/login" className="text-indigo-600 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
