import { publicUrl } from "@/lib/config/public-url";

/** Where deep links in emails point (the public URL, lib/config/public-url.ts). Read once per job run. */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  return publicUrl(env);
}

/** EMAIL_TOKEN_SECRET, else AUTH_SECRET: an unsubscribe link must not be forgeable from a contact id. */
export function emailTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.EMAIL_TOKEN_SECRET?.trim() || env.AUTH_SECRET?.trim();
  if (!secret) throw new Error("Set AUTH_SECRET (or EMAIL_TOKEN_SECRET): it signs the unsubscribe links in alert emails.");
  return secret;
}
