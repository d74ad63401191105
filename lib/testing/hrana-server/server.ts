import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SqlStream, toStmtError, type HranaBatch, type HranaStmt } from "./sql-stream";
import { ProtoError } from "./values";

/**
 * A libSQL server for the tests: Hrana over HTTP (`/v2/pipeline` and `/v3/pipeline`, JSON), the protocol
 * `@libsql/client` speaks to sqld and Turso, backed by the embedded engine. Test tooling, never a production
 * path (docs/deploy.md#the-test-server).
 *
 * - Each database is a namespace: `http://host:port/` is `default`, `http://host:port/ns/<name>/` is `<name>`,
 *   a file under `dir`, made on first use.
 * - Every HTTP round trip is answered `latencyMs` late (as if the server were that far away), and counted:
 *   `GET /_test/stats` gives, per namespace, the round trips and the *sequential* ones (a request that arrives
 *   while none of its namespace is in flight starts one), `POST /_test/reset` zeroes them.
 * - Not here: the `/v3/cursor` endpoint, protobuf encoding (`@libsql/client` uses v2 JSON over HTTP), WebSockets,
 *   and replication indexes.
 */
export type HranaServerOptions = {
  dir: string;
  port?: number;
  host?: string;
  latencyMs?: number;
  /** How long a statement waits for another stream's write transaction before SQLITE_BUSY (sqld: 5 s). */
  busyTimeoutMs?: number;
  /** A stream idle this long is closed and its transaction rolled back (sqld: 10 s). */
  streamIdleMs?: number;
};

export type NamespaceStats = { roundTrips: number; sequential: number; statements: number };

export type HranaServer = {
  url: string;
  port: number;
  latencyMs: number;
  stats: () => Record<string, NamespaceStats>;
  resetStats: () => void;
  close: () => Promise<void>;
};

type OpenStream = { stream: SqlStream; ns: string; baton: string; busy: boolean; timer?: NodeJS.Timeout };
type PipelineRequest =
  | { type: "close" }
  | { type: "execute"; stmt: HranaStmt }
  | { type: "batch"; batch: HranaBatch }
  | { type: "sequence" | "describe"; sql?: string | null; sql_id?: number | null }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" };

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  mkdirSync(options.dir, { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  const streamIdleMs = options.streamIdleMs ?? 10_000;
  const streams = new Map<string, OpenStream>();
  const stats = new Map<string, NamespaceStats & { inFlight: number }>();
  const statsOf = (ns: string) => {
    let s = stats.get(ns);
    if (!s) stats.set(ns, (s = { roundTrips: 0, sequential: 0, statements: 0, inFlight: 0 }));
    return s;
  };
  const fileOf = (ns: string) => join(options.dir, `${ns}.db`);

  const closeStream = (id: string) => {
    const open = streams.get(id);
    if (!open) return;
    streams.delete(id);
    clearTimeout(open.timer);
    open.stream.close();
  };

  const handle = async (request: PipelineRequest, open: OpenStream, version: 2 | 3) => {
    const s = statsOf(open.ns);
    switch (request.type) {
      case "close":
        return { type: "close" };
      case "execute":
        s.statements += 1;
        return { type: "execute", result: await open.stream.execute(request.stmt) };
      case "batch":
        s.statements += request.batch.steps.length;
        return { type: "batch", result: await open.stream.batch(request.batch) };
      case "sequence":
        s.statements += 1;
        await open.stream.sequence(request);
        return { type: "sequence" };
      case "describe":
        return { type: "describe", result: open.stream.describe(request) };
      case "store_sql":
        open.stream.sqls.set(request.sql_id, request.sql);
        return { type: "store_sql" };
      case "close_sql":
        open.stream.sqls.delete(request.sql_id);
        return { type: "close_sql" };
      case "get_autocommit":
        if (version < 3) throw new ProtoError("get_autocommit needs Hrana 3");
        return { type: "get_autocommit", is_autocommit: open.stream.isAutocommit };
      default:
        throw new ProtoError(`Unknown request type ${(request as { type: string }).type}`);
    }
  };

  const pipeline = async (ns: string, version: 2 | 3, body: { baton?: string | null; requests?: PipelineRequest[] }) => {
    if (!Array.isArray(body.requests)) throw new ProtoError("requests must be an array");
    let open: OpenStream;
    if (body.baton) {
      const [id] = body.baton.split(".");
      const found = streams.get(id ?? "");
      if (!found || found.baton !== body.baton || found.ns !== ns) throw new StreamExpired();
      if (found.busy) throw new ProtoError("The stream is in use by another request");
      open = found;
    } else {
      const id = randomBytes(9).toString("base64url");
      open = { stream: new SqlStream(fileOf(ns), { busyTimeoutMs, version }), ns, baton: id, busy: false };
      streams.set(id, open);
    }
    const id = open.baton.split(".")[0]!;
    clearTimeout(open.timer);
    open.busy = true;
    const results: unknown[] = [];
    let closed = false;
    try {
      for (const request of body.requests) {
        if (closed) throw new ProtoError("A request follows the stream's close");
        try {
          results.push({ type: "ok", response: await handle(request, open, version) });
        } catch (error) {
          if (error instanceof ProtoError) throw error;
          results.push({ type: "error", error: toStmtError(error).toProto() });
        }
        if (request.type === "close") closed = true;
      }
    } catch (error) {
      closeStream(id);
      throw error;
    } finally {
      open.busy = false;
    }
    if (closed) {
      closeStream(id);
      return { baton: null, base_url: null, results };
    }
    open.baton = `${id}.${randomBytes(9).toString("base64url")}`;
    open.timer = setTimeout(() => closeStream(id), streamIdleMs);
    open.timer.unref();
    return { baton: open.baton, base_url: null, results };
  };

  const server = createServer((req, res) => {
    void serve(req, res);
  });
  let latencyMs = options.latencyMs ?? 0;

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^(?:\/ns\/([A-Za-z0-9_-]{1,64}))?\/(.*)$/.exec(url.pathname);
    const ns = match?.[1] ?? "default";
    const rest = match?.[2] ?? "";
    if (rest.startsWith("_test/")) return admin(rest.slice("_test/".length), req, res, await readBody(req));
    const s = statsOf(ns);
    s.roundTrips += 1;
    if (s.inFlight === 0) s.sequential += 1;
    s.inFlight += 1;
    const body = await readBody(req);
    let status = 200;
    let type = "application/json";
    let out: string;
    try {
      if (req.method === "GET" && (rest === "" || rest === "v2" || rest === "v3")) {
        type = "text/plain";
        out = `Hello, this is HTTP API ${rest || "v2"} (Hrana over HTTP, Fixline's test server)`;
      } else if (req.method === "POST" && (rest === "v2/pipeline" || rest === "v3/pipeline")) {
        out = JSON.stringify(await pipeline(ns, rest === "v3/pipeline" ? 3 : 2, parse(body)));
      } else {
        status = 404;
        type = "text/plain";
        out = "Not found";
      }
    } catch (error) {
      status = 400;
      if (error instanceof StreamExpired) out = JSON.stringify({ message: error.message, code: "STREAM_EXPIRED" });
      else {
        type = "text/plain";
        out = error instanceof Error ? error.message : String(error);
      }
    }
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    s.inFlight -= 1;
    res.writeHead(status, { "content-type": type }).end(out);
  };

  const admin = (path: string, req: IncomingMessage, res: ServerResponse, body: string) => {
    const json = (value: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    if (path === "stats") return json(statsSnapshot());
    if (path === "reset" && req.method === "POST") {
      stats.clear();
      return json({ ok: true });
    }
    if (path === "latency" && req.method === "PUT") {
      latencyMs = Number(parse(body).ms ?? 0);
      return json({ latencyMs });
    }
    const drop = /^ns\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (drop && req.method === "DELETE") {
      for (const [id, open] of streams) if (open.ns === drop[1]) closeStream(id);
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(fileOf(drop[1]!) + suffix, { force: true });
      return json({ ok: true });
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  };

  const statsSnapshot = () =>
    Object.fromEntries([...stats].map(([ns, { roundTrips, sequential, statements }]) => [ns, { roundTrips, sequential, statements }]));

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(ms: number) {
      latencyMs = ms;
    },
    stats: statsSnapshot,
    resetStats: () => stats.clear(),
    close: async () => {
      for (const id of [...streams.keys()]) closeStream(id);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class StreamExpired extends Error {
  constructor() {
    super("The stream has expired or its baton is not the last one this server gave");
  }
}

function parse(body: string): Record<string, unknown> & { baton?: string | null; requests?: PipelineRequest[] } {
  try {
    return JSON.parse(body || "{}");
  } catch {
    throw new ProtoError("The body is not JSON");
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
