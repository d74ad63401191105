import type { NextConfig } from "next";

/**
 * Headers that do not change per request, on every path — the webhook API too, which the proxy skips. The
 * Content-Security-Policy (with its per-request nonce) and HSTS (which depends on the public URL at run
 * time) come from proxy.ts.
 */
const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Migrations are read from disk when the server starts (instrumentation.ts).
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
