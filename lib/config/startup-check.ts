/**
 * What a production server refuses to start without, and what it warns about loudly (docs/security.md,
 * README "Production"). Read once when the server starts (instrumentation.ts).
 */
export type StartupReport = { errors: string[]; warnings: string[] };

export function checkProductionConfig(env: NodeJS.ProcessEnv): StartupReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const app = env.APP_URL?.trim();
  const auth = env.AUTH_URL?.trim();
  if (!app && !auth) {
    errors.push("APP_URL is not set: it is the public URL every link in every email points to (e.g. https://fixline.example.com).");
  }
  for (const [name, value] of [["APP_URL", app], ["AUTH_URL", auth]] as const) {
    if (value && !isHttpUrl(value)) errors.push(`${name} must be an absolute http(s) URL; it is "${value}".`);
  }
  if (app && auth && isHttpUrl(app) && isHttpUrl(auth) && new URL(app).origin !== new URL(auth).origin) {
    errors.push(`APP_URL (${new URL(app).origin}) and AUTH_URL (${new URL(auth).origin}) name different hosts: set one public URL.`);
  }
  if (!env.AUTH_SECRET?.trim()) errors.push("AUTH_SECRET is not set: it signs sessions (e.g. `openssl rand -base64 32`).");
  if (!env.RESEND_API_KEY?.trim()) {
    warnings.push(
      env.FIXLINE_MAILBOX === "on"
        ? "RESEND_API_KEY is not set: NO EMAIL LEAVES THIS SERVER. FIXLINE_MAILBOX=on shows them at /dev/mailbox to signed-in users, scoped to their accounts."
        : "RESEND_API_KEY is not set: NO EMAIL LEAVES THIS SERVER. Alert emails and digests are only stored, and sign-in links cannot be sent (the sign-in page says so).",
    );
  }
  return { errors, warnings };
}

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
