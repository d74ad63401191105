import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in keeps of each email: enough to check every one after the run, without holding every HTML body. */
export type ReceivedEmail = {
  to: string;
  subject: string;
  text: string;
  htmlBytes: number;
  html: string | null;
  listUnsubscribe: string | null;
};

type Reply = { status: number; body: unknown; digest: string };

/**
 * A local stand-in for Resend's API for benchmarks: answers `POST /emails` and `POST /emails/batch` as the
 * real SDK expects (`{ id }`; `{ data: [{ id }], errors: [] }` for a permissive batch), replays a repeated
 * idempotency key without accepting anything again, and counts what it was handed and when. It keeps the
 * text of every email and the HTML of every `keepHtmlEvery`-th one.
 */
export async function startCountingResend(apiKey: string, keepHtmlEvery = 500) {
  const emails: ReceivedEmail[] = [];
  const requestTimes: number[] = [];
  const idempotencyKeys: string[] = [];
  const replies = new Map<string, Reply>();
  let replayed = 0;
  let seq = 0;
  let lastEmailAt = 0;
  let firstEmailAt = 0;

  const accept = (email: Record<string, unknown>) => {
    const to = Array.isArray(email.to) ? String(email.to[0]) : String(email.to);
    const headers = (email.headers ?? {}) as Record<string, string>;
    const html = String(email.html ?? "");
    const keep = emails.length % keepHtmlEvery === 0;
    emails.push({
      to,
      subject: String(email.subject),
      text: String(email.text ?? ""),
      htmlBytes: Buffer.byteLength(html),
      html: keep ? html : null,
      listUnsubscribe: headers["List-Unsubscribe"] ?? null,
    });
    return { id: `bench_${++seq}` };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${apiKey}`)
        return reply(401, { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" });
      const path = req.url ?? "/";
      if (req.method !== "POST" || (path !== "/emails" && path !== "/emails/batch"))
        return reply(404, { statusCode: 404, name: "not_found", message: "not found" });
      requestTimes.push(performance.now());
      const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
      const digest = createHash("sha256").update(raw).digest("hex");
      const previous = key ? replies.get(`${path} ${key}`) : undefined;
      if (key) idempotencyKeys.push(key);
      if (previous) {
        replayed++;
        if (previous.digest !== digest)
          return reply(409, {
            statusCode: 409,
            name: "invalid_idempotent_request",
            message: "Same idempotency key used with a different request payload.",
          });
        return reply(previous.status, previous.body);
      }
      const body = JSON.parse(raw.toString("utf8")) as unknown;
      const answer =
        path === "/emails/batch"
          ? {
              data: (body as Record<string, unknown>[]).map(accept),
              ...(req.headers["x-batch-validation"] === "permissive" ? { errors: [] } : {}),
            }
          : accept(body as Record<string, unknown>);
      lastEmailAt = performance.now();
      firstEmailAt ||= lastEmailAt;
      if (key) replies.set(`${path} ${key}`, { status: 200, body: answer, digest });
      reply(200, answer);
    });
  });
  // Resend keeps connections open far longer than Node's 5 s default; a job starved of CPU between two batches
  // must not meet a socket this stand-in closed while the SDK was about to reuse it.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    emails,
    /** When the first and the last email were handed over (performance.now() of this process), 0 if none. */
    firstEmailAt: () => firstEmailAt,
    lastEmailAt: () => lastEmailAt,
    requests: () => requestTimes.length,
    replayed: () => replayed,
    distinctIdempotencyKeys: () => new Set(idempotencyKeys).size,
    /** The most requests received within any one second: Resend refuses what goes over the team's limit. */
    maxRequestsPerSecond() {
      let best = 0;
      for (let i = 0, j = 0; j < requestTimes.length; j++) {
        while (requestTimes[j]! - requestTimes[i]! >= 1000) i++;
        best = Math.max(best, j - i + 1);
      }
      return best;
    },
    reset() {
      emails.length = 0;
      requestTimes.length = 0;
      idempotencyKeys.length = 0;
      replies.clear();
      replayed = 0;
      lastEmailAt = 0;
      firstEmailAt = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type CountingResend = Awaited<ReturnType<typeof startCountingResend>>;
