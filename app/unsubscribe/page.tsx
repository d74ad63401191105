import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { emailTokenSecret } from "@/lib/notify/config";
import { unsubscribePageState } from "@/lib/notify/unsubscribe-contact";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe" };

type Props = { searchParams: Promise<{ token?: string; done?: string }> };

/**
 * Where the footer link of an alert email lands. Opening it changes nothing (mail scanners open links); the
 * button does. Contacts need no login: the signed token says who they are.
 */
export default async function UnsubscribePage({ searchParams }: Props) {
  const { token = "", done } = await searchParams;
  // What the contact is now decides what the page says; `done` only says the button was pressed.
  const state = await unsubscribePageState(getDb(), token, emailTokenSecret(), Boolean(done));
  const target = state.kind === "invalid" ? null : state.target;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <p className="flex items-center gap-2 text-sm font-bold text-slate-900">
          <span className="flex h-6 w-6 items-center justify-center rounded-md bg-indigo-600 text-xs text-white">F</span>
          Fixline
        </p>
        {!target ? (
          <>
            <h1 className="mt-5 text-xl font-semibold text-slate-900">This link is not valid</h1>
            <p className="mt-2 text-sm text-slate-600">
              It may be incomplete, or the address it was sent to has changed since. Use the link in a newer email, or ask someone on your
              account to change your email settings in Profile &amp; Billing.
            </p>
          </>
        ) : state.kind === "unsubscribed" ? (
          <>
            <h1 className="mt-5 text-xl font-semibold text-slate-900">You are unsubscribed</h1>
            <p className="mt-2 text-sm text-slate-600" data-testid="unsubscribe-result">
              <strong>{target.email}</strong> gets no more alert emails from {target.accountName}. Someone on the account can turn them back
              on in Profile &amp; Billing.
            </p>
          </>
        ) : (
          <>
            {state.kind === "not_changed" ? (
              <p
                className="mt-5 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
                data-testid="unsubscribe-result"
              >
                Nothing was changed: <strong>{target.email}</strong> still gets alert emails.
              </p>
            ) : null}
            <h1 className="mt-5 text-xl font-semibold text-slate-900">Stop alert emails?</h1>
            <p className="mt-2 text-sm text-slate-600">
              <strong>{target.email}</strong> gets Fixline alert emails as a contact of {target.accountName}. Unsubscribing turns them all
              off, digests included.
            </p>
            <form method="post" action={`/api/unsubscribe?token=${encodeURIComponent(token)}`} className="mt-5">
              <input type="hidden" name="source" value="page" />
              <button
                type="submit"
                className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
              >
                Unsubscribe {target.email}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
