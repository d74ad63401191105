// What the email jobs send with, from the environment: Resend or the local outbox, the templates, APP_URL
// for deep links and the secret that signs unsubscribe links.
import { renderAlertEmail } from "@/emails/render-alert-email";
import { appUrl, emailTokenSecret } from "@/lib/notify/config";
import { transportFromEnv } from "@/lib/notify/email-transport";
import type { EmailDeps } from "@/lib/notify/send-alert-emails";

export function emailDeps(now: Date, env: NodeJS.ProcessEnv = process.env): EmailDeps {
  return { now, transport: transportFromEnv(env), render: renderAlertEmail, appUrl: appUrl(env), secret: emailTokenSecret(env) };
}
