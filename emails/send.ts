import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import { render } from "@react-email/render";
import { getDb } from "@/db/client";
import { deliverEmail, transportFromEnv } from "@/lib/notify/deliver-email";
import MagicLinkEmail from "./magic-link";
import SignInLockedEmail, { type SignInLockedEmailProps } from "./sign-in-locked";

/** Renders a template to HTML and plain text and delivers it through the configured transport. */
export async function sendTemplate(input: {
  to: string;
  subject: string;
  template: string;
  element: ReactElement;
  idempotencyKey: string;
  accountId?: number | null;
}) {
  const [html, text] = await Promise.all([render(input.element), render(input.element, { plainText: true })]);
  const { element: _, ...message } = input;
  return deliverEmail(getDb(), { ...message, html, text }, transportFromEnv(), new Date());
}

export async function sendMagicLink(to: string, url: string, expiresInHours: number) {
  return sendTemplate({
    to,
    subject: "Your Fixline sign-in link",
    template: "magic-link",
    element: MagicLinkEmail({ url, email: to, expiresInHours }),
    // One email per link: the token inside the URL makes it unique.
    idempotencyKey: `magic-link:${createHash("sha256").update(url).digest("hex").slice(0, 32)}`,
  });
}

/** Once per lock: the key names the try that reached the limit. */
export async function sendSignInLocked(to: string, attemptId: number, props: Omit<SignInLockedEmailProps, "email">) {
  return sendTemplate({
    to,
    subject: "Fixline: password sign-in paused after wrong passwords",
    template: "sign-in-locked",
    element: SignInLockedEmail({ ...props, email: to }),
    idempotencyKey: `sign-in-locked:${to}:${attemptId}`,
  });
}
