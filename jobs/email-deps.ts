// What the email jobs send with, from the environment: Resend or the local outbox, the templates, APP_URL
// for deep links and the secret that signs unsubscribe links.
import type { EnvSource } from "@/lib/config/env";
import { appUrl, emailTokenSecret } from "@/lib/notify/config";
import type { RenderEmail } from "@/lib/notify/email-models";
import { transportFromEnv } from "@/lib/notify/email-transport";
import type { EmailDeps } from "@/lib/notify/send-alert-emails";

/**
 * The templates (React, React Email, html-to-text: ~50 MB of a process's memory) load on the first email
 * rendered, not when the job registry is imported: the retry and sync jobs import the registry too, in
 * processes that never send an email.
 */
const render: RenderEmail = async (email) => (await import("@/emails/render-alert-email")).renderAlertEmail(email);

export function emailDeps(now: Date, source?: EnvSource): EmailDeps {
  return { now, transport: transportFromEnv(source), render, appUrl: appUrl(source), secret: emailTokenSecret(source) };
}
