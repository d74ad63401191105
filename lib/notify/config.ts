/** Where deep links in emails point, and the secret that signs unsubscribe links. Read once per job run. */
export const DEFAULT_APP_URL = "http://localhost:3000";

/** The public URL of the app (APP_URL), without a trailing slash. */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.APP_URL?.trim() || DEFAULT_APP_URL).replace(/\/+$/, "");
}

/** EMAIL_TOKEN_SECRET, else AUTH_SECRET: an unsubscribe link must not be forgeable from a contact id. */
export function emailTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.EMAIL_TOKEN_SECRET?.trim() || env.AUTH_SECRET?.trim();
  if (!secret) throw new Error("Set AUTH_SECRET (or EMAIL_TOKEN_SECRET): it signs the unsubscribe links in alert emails.");
  return secret;
}
