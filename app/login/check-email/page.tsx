import type { Metadata } from "next";
import Link from "next/link";

// Reads the environment and the database on each request, never at build time.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  const localOutbox = !process.env.RESEND_API_KEY;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">Check your email</h1>
        <p className="mt-3 text-sm text-slate-600">
          If that address has a Fixline account, a sign-in link is on its way. It works once and expires in 24 hours.
        </p>
        {localOutbox ? (
          <Link href="/dev/mailbox" className="mt-5 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
            Open the local outbox
          </Link>
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
