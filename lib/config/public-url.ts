/**
 * The public URL of the app: APP_URL (AUTH_URL is read when APP_URL is unset). Every link Fixline sends —
 * sign-in links, alert deep links, unsubscribe links, the webhook URL shown to connectors — is built from it,
 * never from a request's Host or X-Forwarded-Host, which a client chooses (docs/security.md). Outside
 * production it falls back to the local server; production refuses to start without it (startup-check.ts).
 */
import { readEnv, type EnvSource } from "./env";

export const LOCAL_APP_URL = "http://localhost:3000";

export function publicUrl(source?: EnvSource): string {
  const { APP_URL, AUTH_URL } = readEnv(source);
  const configured = APP_URL || AUTH_URL;
  return (configured || LOCAL_APP_URL).replace(/\/+$/, "");
}

export function publicOrigin(source?: EnvSource): string {
  return new URL(publicUrl(source)).origin;
}

/**
 * A link Auth.js built from the request (a sign-in link) moved onto the public origin, path and query kept.
 * Its callbackUrl, when absolute, is moved too: the link must not lead anywhere but this app.
 */
export function onPublicOrigin(link: string, source?: EnvSource): string {
  const origin = publicOrigin(source);
  const url = new URL(link);
  const moved = new URL(`${url.pathname}${url.search}${url.hash}`, origin);
  const callback = moved.searchParams.get("callbackUrl");
  if (callback && /^[a-z][a-z0-9+.-]*:/i.test(callback)) {
    const inner = new URL(callback);
    moved.searchParams.set("callbackUrl", new URL(`${inner.pathname}${inner.search}${inner.hash}`, origin).href);
  }
  return moved.href;
}
