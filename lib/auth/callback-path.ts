const FALLBACK = "/alerts";

/**
 * The page to return to after signing in, reduced to a path on this site: open redirects to other
 * hosts are impossible, and the sign-in page itself is never a destination.
 */
export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0) return FALLBACK;
  let url: URL;
  try {
    url = new URL(raw, "http://fixline.invalid");
  } catch {
    return FALLBACK;
  }
  const startsLikePath = raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\");
  if (!startsLikePath && !/^https?:\/\//i.test(raw)) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.pathname === "/login" || url.pathname.startsWith("/login/") || url.pathname.startsWith("/api/auth")) return FALLBACK;
  return path;
}
