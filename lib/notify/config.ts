import { readEnv, type EnvSource } from "@/lib/config/env";
import { publicUrl } from "@/lib/config/public-url";

/** Where deep links in emails point (the public URL, lib/config/public-url.ts). Read once per job run. */
export function appUrl(source?: EnvSource): string {
  return publicUrl(source);
}

/** EMAIL_TOKEN_SECRET, else AUTH_SECRET: an unsubscribe link must not be forgeable from a contact id. */
export function emailTokenSecret(source?: EnvSource): string {
  const env = readEnv(source);
  const secret = env.EMAIL_TOKEN_SECRET || env.AUTH_SECRET?.trim();
  if (!secret) throw new Error("Set AUTH_SECRET (or EMAIL_TOKEN_SECRET): it signs the unsubscribe links in alert emails.");
  return secret;
}
