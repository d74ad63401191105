import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { signInLinkDelivery } from "@/lib/notify/mailbox";
import { LoginForms } from "./login-forms";

// Reads the environment on each request, never at build time.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends people back here with ?error=… when a link is stale or a sign-in is refused.
const AUTH_ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  AccessDenied: "That address has no Fixline account. Ask an admin of your warehouse or store to add you.",
  CredentialsSignin: "Wrong email or password.",
};

const NOTICES: Record<string, string> = {
  "password-changed": "Password changed, and every session ended. Sign in with your new password.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; notice?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { callbackUrl, error, notice } = await searchParams;
  const linkDelivery = signInLinkDelivery();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <Logo />
          <h1 className="mt-6 text-2xl font-semibold tracking-tight text-slate-900">Sign in to Fixline</h1>
          <p className="mt-2 text-sm text-slate-600">Order-integration alerts, retries and fixes.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {notice && NOTICES[notice] ? (
            <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
              {NOTICES[notice]}
            </p>
          ) : null}
          {error ? (
            <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200">
              {AUTH_ERRORS[error] ?? "Sign-in failed. Try again."}
            </p>
          ) : null}
          <LoginForms callbackUrl={safeCallbackPath(callbackUrl)} linkDelivery={linkDelivery} />
        </div>
        {linkDelivery === "local" ? (
          <p className="mt-6 text-center text-xs text-slate-500">
            Local mode: no email provider is set, so emails are kept on this server. Sign-in links are printed in the terminal that runs
            Fixline; once signed in, the local mailbox at /dev/mailbox shows your accounts&apos; emails.
          </p>
        ) : null}
      </div>
    </main>
  );
}

function Logo() {
  return (
    <span className="inline-flex items-center gap-2 text-lg font-bold text-slate-900">
      <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-indigo-600 text-white">F</span>
      Fixline
    </span>
  );
}
