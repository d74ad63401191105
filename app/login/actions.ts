"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { PasswordSignInInput, signIn } from "@/auth";
import { getDb } from "@/db/client";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { clientAddress, passwordLockedUntil } from "@/lib/auth/sign-in-limits";
import { formatDateTime } from "@/lib/format/time";
import { signInLinkDelivery } from "@/lib/notify/mailbox";

export type SignInState = { error?: string; email?: string };

const MagicLinkInput = z.object({ email: z.string().trim().toLowerCase().email("Enter a valid email address.") });

export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = PasswordSignInInput.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackPath(form.get("callbackUrl")) });
  } catch (error) {
    // A successful sign-in throws Next's redirect: only Auth.js errors are a failed sign-in.
    if (!(error instanceof AuthError)) throw error;
    const lockedUntil = await passwordLockedUntil(
      getDb(),
      { email: parsed.data.email, client: clientAddress(await headers()) },
      new Date(),
    );
    if (lockedUntil) {
      return {
        error: `Too many wrong passwords. Try again at ${formatDateTime(lockedUntil, "UTC")}, or sign in with an emailed link.`,
        email,
      };
    }
    return { error: "Wrong email or password.", email };
  }
  return {};
}

export async function sendSignInLink(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = MagicLinkInput.safeParse({ email });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  if (signInLinkDelivery() === "none") {
    return { error: "Sign-in links cannot be sent: this server has no email provider. Sign in with your password.", email };
  }
  try {
    await signIn("resend", { email: parsed.data.email, redirectTo: safeCallbackPath(form.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof AuthError) return { error: "The sign-in link could not be sent. Try again in a minute.", email };
    throw error;
  }
  return {};
}
