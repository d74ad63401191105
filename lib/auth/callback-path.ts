const FALLBACK = "/alerts";
const BASE = "http://fixline.invalid";
/** Longer than any page of the app with its filters; a longer value is someone else's. */
const MAX_LENGTH = 2000;

/**
 * The page to return to after signing in, reduced to a path on this site: open redirects to other
 * hosts are impossible, and the sign-in page itself is never a destination. The value is normalised
 * first (dot segments, an absolute URL's host dropped) and the *result* is checked, since `/..//x`
 * normalises to `//x`, which a browser reads as another host. Backslashes and control characters (which
 * URL parsers drop or read as `/`) are refused outright.
 */
export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return FALLBACK;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return FALLBACK;
  if (!(raw.startsWith("/") && !raw.startsWith("//")) && !/^https?:\/\//i.test(raw)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return FALLBACK;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || new URL(path, BASE).origin !== BASE) return FALLBACK;
  if (url.pathname === "/login" || url.pathname.startsWith("/login/") || url.pathname.startsWith("/api/auth")) return FALLBACK;
  return path;
}
