import { getDb } from "@/db/client";
import { readEnv } from "@/lib/config/env";
import { createVerifyInsert } from "@/bench/ingest/verify-insert";

// The webhook benchmark's floor (bench/ingest.ts): a route in the same build, beside the real endpoint,
// doing only verify + insert. A `.bench.ts` file: it is part of a build only when FIXLINE_BENCH_ROUTES=on at
// build time (next.config.ts; the benchmarks build so), so the production build neither ships it nor imports
// bench/; and even in a benchmark build it answers only while FIXLINE_BENCH_ROUTES=on at run time.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Answered with the same headers as the real endpoint: Next would otherwise gzip each few-byte answer, and the
// ratio would measure a header rather than the work Fixline adds.
const ANSWER_HEADERS = { "cache-control": "no-store, no-transform" };

const store = globalThis as unknown as { fixlineBenchVerifyInsert?: ReturnType<typeof createVerifyInsert> };

export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }) {
  if (readEnv().FIXLINE_BENCH_ROUTES !== "on")
    return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  const verifyInsert = (store.fixlineBenchVerifyInsert ??= createVerifyInsert(getDb()));
  const headers = {
    "webhook-id": request.headers.get("webhook-id") ?? "",
    "webhook-timestamp": request.headers.get("webhook-timestamp") ?? "",
    "webhook-signature": request.headers.get("webhook-signature") ?? "",
  };
  const result = await verifyInsert(Number((await params).connectionId), headers, await request.text());
  return Response.json(result.id ? { id: result.id } : { error: { code: "invalid_signature", message: "Invalid signature." } }, {
    status: result.status,
    headers: ANSWER_HEADERS,
  });
}
