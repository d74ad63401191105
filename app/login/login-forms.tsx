"use client";

import { useActionState, useState } from "react";
import type { SignInLinkDelivery } from "@/lib/notify/mailbox";
import { sendSignInLink, signInWithPassword, type SignInState } from "./actions";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";
const primary =
  "w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60";

export function LoginForms({ callbackUrl, linkDelivery }: { callbackUrl: string; linkDelivery: SignInLinkDelivery }) {
  const [mode, setMode] = useState<"password" | "link">("password");
  const [pwState, pwAction, pwPending] = useActionState<SignInState, FormData>(signInWithPassword, {});
  const [linkState, linkAction, linkPending] = useActionState<SignInState, FormData>(sendSignInLink, {});

  if (mode === "link" && linkDelivery === "none") {
    return (
      <div className="space-y-4">
        <p data-testid="no-email-provider" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200">
          Sign-in links cannot be sent: this server has no email provider set up. Sign in with your password, or ask the person who runs
          Fixline to set <code className="font-mono">RESEND_API_KEY</code>.
        </p>
        <button type="button" onClick={() => setMode("password")} className={primary}>
          Sign in with a password
        </button>
      </div>
    );
  }
  if (mode === "link") {
    return (
      <form action={linkAction} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label className="block text-sm font-medium text-slate-700">
          Email
          <input name="email" type="email" autoComplete="email" required defaultValue={linkState.email} className={input} />
        </label>
        <FormError message={linkState.error} />
        <button type="submit" disabled={linkPending} className={primary}>
          {linkPending ? "Sending…" : "Email me a sign-in link"}
        </button>
        <button type="button" onClick={() => setMode("password")} className="w-full text-sm text-indigo-600 hover:underline">
          Sign in with a password instead
        </button>
      </form>
    );
  }
  return (
    <form action={pwAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block text-sm font-medium text-slate-700">
        Email
        <input name="email" type="email" autoComplete="username" required defaultValue={pwState.email} className={input} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={input} />
      </label>
      <FormError message={pwState.error} />
      <button type="submit" disabled={pwPending} className={primary}>
        {pwPending ? "Signing in…" : "Sign in"}
      </button>
      <button type="button" onClick={() => setMode("link")} className="w-full text-sm text-indigo-600 hover:underline">
        Email me a sign-in link instead
      </button>
    </form>
  );
}

function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
      {message}
    </p>
  );
}
