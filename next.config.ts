import type { NextConfig } from "next";
import { readEnv } from "./lib/config/env";

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

/**
 * `*.bench.ts` routes (the webhook benchmark's floor) are built only for the benchmarks (bench/lib/server.ts sets
 * FIXLINE_BENCH_ROUTES=on when it builds): the production build neither ships them nor imports bench/.
 */
const benchRoutes = readEnv().FIXLINE_BENCH_ROUTES === "on";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  pageExtensions: benchRoutes ? ["tsx", "ts", "bench.ts"] : ["tsx", "ts"],
  // Migrations are read from disk when the server starts (instrumentation.ts).
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
