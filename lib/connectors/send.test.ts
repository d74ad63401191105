import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { httpSender, type OutboundRequest } from "./send";

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };
let server: http.Server;
let base: string;
let seen: Seen[];
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;

beforeEach(async () => {
  seen = [];
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = (endpointUrl = `${base}/acme/wms/`): OutboundRequest => ({
  endpointUrl,
  credential: "tok_123",
  path: "/orders",
  payload: { orderNumber: "#1001", note: "café" },
  idempotencyKey: "fixline:order_to_wms:7:v2",
});
const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

it("posts the record as JSON with its credential and Idempotency-Key, and a 2xx is a success", async () => {
  answer = (_, res) => json(res, 201, { ok: true });
  expect(await httpSender()(request())).toEqual({ kind: "success", status: 201 });
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ method: "POST", url: "/acme/wms/orders", body: JSON.stringify({ orderNumber: "#1001", note: "café" }) });
  expect(seen[0]!.headers).toMatchObject({
    authorization: "Bearer tok_123",
    "idempotency-key": "fixline:order_to_wms:7:v2",
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(seen[0]!.body)),
  });
});

it("reuses its connection for the next record", async () => {
  answer = (_, res) => json(res, 200, { ok: true });
  const send = httpSender();
  await send(request());
  await send(request());
  expect(seen[1]!.headers.connection).toBe("keep-alive");
  const sockets = await new Promise<number>((resolve) => server.getConnections((_, n) => resolve(n)));
  expect(sockets).toBe(1);
});

it("classifies a 503 with Retry-After as transient, and an error body's code and message verbatim", async () => {
  answer = (_, res) => json(res, 503, { error: { code: "busy", message: "Try later." } }, { "retry-after": "120" });
  expect(await httpSender()(request())).toEqual({
    kind: "transient",
    status: 503,
    code: "busy",
    message: "Try later.",
    retryAfterMs: 120_000,
  });
  answer = (_, res) => json(res, 422, { error: { code: "address_invalid", message: "No such street." } });
  expect(await httpSender()(request())).toMatchObject({ kind: "needs_person", code: "address_invalid", message: "No such street." });
});

it("gives up after the timeout as a transient 'timeout'", async () => {
  answer = () => {}; // never answers
  const outcome = await httpSender({ timeoutMs: 100 })(request());
  expect(outcome).toMatchObject({ kind: "transient", status: null, code: "timeout" });
  expect(outcome.kind === "transient" && outcome.message).toMatch(/^No answer from 127\.0\.0\.1:\d+ within 0 s\.$/);
});

it("a refused connection is transient and says so", async () => {
  // A port that was just free: nothing listens there.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const outcome = await httpSender()(request(`http://127.0.0.1:${port}`));
  expect(outcome).toMatchObject({
    kind: "transient",
    status: null,
    code: "econnrefused",
    message: `Connection refused by 127.0.0.1:${port}.`,
  });
});

it("does not follow a redirect", async () => {
  answer = (_, res) => {
    res.writeHead(307, { location: "/elsewhere" });
    res.end();
  };
  const outcome = await httpSender()(request());
  expect(outcome).toMatchObject({ kind: "transient", status: null });
  expect(seen).toHaveLength(1);
});

it("sends again at once on a fresh connection when a kept-alive socket was closed before any answer (same key)", async () => {
  const served = new WeakSet<object>();
  answer = (req, res) => {
    // The connector closed this idle socket on its side: the next request on it dies unanswered.
    if (served.has(req.socket)) return void req.socket.destroy();
    served.add(req.socket);
    json(res, 200, { ok: true });
  };
  const send = httpSender();
  expect((await send({ ...request(), idempotencyKey: "fixline:order_to_wms:1:v1" })).kind).toBe("success");
  const outcome = await send({ ...request(), idempotencyKey: "fixline:order_to_wms:2:v1" });
  expect(outcome.kind).toBe("success");
  expect(seen.map((s) => s.headers["idempotency-key"])).toEqual([
    "fixline:order_to_wms:1:v1",
    "fixline:order_to_wms:2:v1",
    "fixline:order_to_wms:2:v1",
  ]);
});

it("does not send again when a fresh connection fails, or once an answer has begun", async () => {
  answer = (req) => void req.socket.destroy();
  const outcome = await httpSender()({ ...request(), idempotencyKey: "fixline:order_to_wms:3:v1" });
  expect(outcome.kind).toBe("transient");
  expect(seen).toHaveLength(1);

  seen = [];
  answer = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    res.write('{"ok":');
    res.socket?.destroy();
  };
  const cut = await httpSender()({ ...request(), idempotencyKey: "fixline:order_to_wms:4:v1" });
  expect(cut.kind).toBe("transient");
  expect(seen).toHaveLength(1);
});
