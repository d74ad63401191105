import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the stand-in received, as Resend would see it. */
export type ResendRequest = { path: string; idempotencyKey: string | null; batchValidation: string | null; body: unknown };
/** An email Resend accepted (a replayed idempotency key accepts nothing new). */
export type AcceptedEmail = {
  id: string;
  from: string;
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
};
type Scripted = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A local HTTP server standing in for Resend's API (`POST /emails`, `POST /emails/batch`), for the real SDK
 * pointed at it with RESEND_BASE_URL. It keeps Resend's idempotency contract (a repeated key replays the
 * first answer and sends nothing), answers errors in Resend's shape, and can be told to fail the next
 * requests (`failNext(500)`, `failNext(429, { "retry-after": "2" })`) or refuse some recipients.
 */
export async function startFakeResend() {
  const requests: ResendRequest[] = [];
  const accepted: AcceptedEmail[] = [];
  const replies = new Map<string, { status: number; body: unknown; payload: string }>();
  const failures: Scripted[] = [];
  const invalid = new Set<string>();
  const answerHeaders: Record<string, string>[] = [];
  const holds = new Map<number, { stage: HoldStage; reached: () => void }>();
  let seq = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") as unknown;
      const idempotencyKey = header(req, "idempotency-key");
      const path = req.url ?? "/";
      requests.push({ path, idempotencyKey, batchValidation: header(req, "x-batch-validation"), body });
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      };
      if (header(req, "authorization") !== "Bearer re_test_key")
        return reply(401, { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" });
      const hold = holds.get(requests.length);
      // Held before accepting: nothing is sent and the caller never hears back (it is killed meanwhile).
      if (hold?.stage === "before-accept") return hold.reached();
      const scripted = failures.shift();
      if (scripted) return reply(scripted.status, scripted.body, scripted.headers);
      const replayKey = idempotencyKey ? `${path} ${idempotencyKey}` : null;
      const previous = replayKey ? replies.get(replayKey) : undefined;
      const payload = JSON.stringify(body);
      if (previous && previous.payload !== payload) {
        return reply(409, {
          statusCode: 409,
          name: "invalid_idempotent_request",
          message: "Same idempotency key used with a different request payload.",
        });
      }
      if (previous) return reply(previous.status, previous.body);
      const answer =
        path === "/emails/batch"
          ? acceptBatch(body as AcceptedEmail[], header(req, "x-batch-validation"))
          : acceptOne(body as AcceptedEmail);
      if (replayKey && answer.status < 300) replies.set(replayKey, { ...answer, payload });
      // Held after accepting: the emails are out, the answer never reaches the caller.
      if (hold?.stage === "after-accept") return hold.reached();
      reply(answer.status, answer.body, answerHeaders.shift());
    });
  });

  function acceptOne(email: AcceptedEmail) {
    if (invalid.has(String(email.to)))
      return { status: 422, body: { statusCode: 422, name: "validation_error", message: `Invalid \`to\` field: ${email.to}` } };
    const id = `em_${++seq}`;
    accepted.push({ ...email, id });
    return { status: 200, body: { id } };
  }

  function acceptBatch(emails: AcceptedEmail[], validation: string | null) {
    const refused = emails.flatMap((e, index) => (invalid.has(String(e.to)) ? [{ index, message: `Invalid \`to\` field: ${e.to}` }] : []));
    if (refused.length && validation !== "permissive")
      return { status: 422, body: { statusCode: 422, name: "validation_error", message: refused[0]!.message } };
    const data = emails.flatMap((e, index) => (refused.some((r) => r.index === index) ? [] : [{ id: acceptOne(e).body.id as string }]));
    return { status: 200, body: validation === "permissive" ? { data, errors: refused } : { data } };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** The environment that points the real SDK at this server. */
    env: {
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL: `http://127.0.0.1:${port}`,
      EMAIL_FROM: "Fixline <alerts@fixline.test>",
      RESEND_REQUESTS_PER_SECOND: "1000",
    },
    requests,
    accepted,
    failNext(
      status: number,
      headers: Record<string, string> = {},
      name = status === 429 ? "rate_limit_exceeded" : "internal_server_error",
    ) {
      failures.push({ status, headers, body: { statusCode: status, name, message: `scripted ${status}` } });
    },
    /**
     * Holds the n-th request (1-based) and never answers it: before accepting anything, or after accepting
     * its emails. Resolves when that request has arrived (and, after-accept, been accepted).
     */
    hold(n: number, stage: HoldStage): Promise<void> {
      return new Promise<void>((reached) => holds.set(n, { stage, reached }));
    },
    /** Headers on the next successful answer, e.g. Resend's `ratelimit-remaining: 0`, `ratelimit-reset: 3`. */
    headersNext(headers: Record<string, string>) {
      answerHeaders.push(headers);
    },
    refuse(address: string) {
      invalid.add(address);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type HoldStage = "before-accept" | "after-accept";

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
