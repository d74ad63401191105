import http from "node:http";
import type { AddressInfo } from "node:net";
import { MERCHANTS } from "@/db/seed/catalog";
import { renderControlPage } from "./control-page";
import { errorAnswer, handleRecord, recordRef, RESOURCES, type Answer, type RecordRules } from "./records";
import {
  createSandboxState,
  recordRequest,
  resetCounters,
  snapshot,
  TARGET_MODES,
  type SandboxState,
  type TargetMode,
  type TargetState,
} from "./state";

export type SandboxOptions = {
  /** Merchants served, as in the demo connections' endpoints `{SANDBOX_URL}/{slug}/wms|cart`. */
  slugs?: readonly string[];
  /** Share of order numbers that meet a busy WMS before they get through; 0 makes every answer deterministic. */
  flakyRate?: number;
  flakyFailures?: number;
  /** SKUs the cart no longer knows: their inventory updates are refused with 404. */
  archivedSkus?: readonly string[];
  /** SKUs the WMS item master lacks (default: the demo merchants' `missingSku`). */
  missingWmsSkus?: readonly string[];
  /** Latency added to every connector answer, to exercise timeouts. */
  delayMs?: number;
  /** One line per request on stdout. */
  log?: boolean;
  historySize?: number;
  now?: () => Date;
};

export type SandboxServer = {
  server: http.Server;
  state: SandboxState;
  listen(port: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
};

const MAX_BODY_BYTES = 1_000_000;
const CONNECTOR_PATH = /^\/([^/]+)\/(wms|cart)\/([^/]+)\/?$/;
const SWITCH_PATH = /^\/_sandbox\/([^/]+)\/(wms|cart)\/([a-z]+)\/?$/;

/** The WMS and cart of every demo connection (docs/rules.md#o1), with failures a person can switch from `GET /`. */
export function createSandboxServer(options: SandboxOptions = {}): SandboxServer {
  const state = createSandboxState(options.slugs ?? MERCHANTS.map((m) => m.slug));
  const archivedSkus = options.archivedSkus ?? ["BT-BAG-20F-REG"];
  const rules: RecordRules = {
    flakyRate: options.flakyRate ?? 0.08,
    flakyFailures: options.flakyFailures ?? 1,
    archivedSkus: new Set(archivedSkus),
    missingWmsSkus: new Set(options.missingWmsSkus ?? MERCHANTS.flatMap((m) => m.missingSku ?? [])),
  };
  const now = options.now ?? (() => new Date());
  const historySize = options.historySize ?? 50;
  const say = (line: string) => options.log && console.log(`[sandbox] ${line}`);

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://sandbox").pathname;
    if (path === "/" && req.method === "GET") return sendHtml(res, renderControlPage(state, { flakyRate: rules.flakyRate, archivedSkus }));
    if (path.startsWith("/_sandbox/")) return control(req, res, path);
    const match = CONNECTOR_PATH.exec(path);
    const target = match ? state.targets[`${match[1]}/${match[2]}`] : undefined;
    const resource = match?.[3] ?? "";
    if (!target || !(RESOURCES[target.kind] as readonly string[]).includes(resource)) {
      req.resume();
      return sendJson(res, errorAnswer(404, "not_found", `No sandbox endpoint at ${req.method} ${path}.`));
    }
    if (req.method !== "POST") {
      req.resume();
      res.setHeader("allow", "POST");
      return sendJson(res, errorAnswer(405, "method_not_allowed", `${req.method} is not allowed on ${path}; use POST.`));
    }
    return serveRecord(req, res, target, resource, path);
  }

  async function serveRecord(req: http.IncomingMessage, res: http.ServerResponse, target: TargetState, resource: string, path: string) {
    const key = header(req, "idempotency-key");
    target.received++;
    if (key) target.keys[key] = (target.keys[key] ?? 0) + 1;
    const log = (status: number | null, code: string | null, ref: string | null) => {
      recordRequest(
        state,
        { at: now().toISOString(), target: target.id, method: "POST", path, ref, status, code, idempotencyKey: key },
        historySize,
      );
      say(`POST ${path} ${ref ?? "-"} → ${status ?? "connection reset"}${code ? ` ${code}` : ""}${key ? ` key=${key}` : ""}`);
    };
    if (target.mode === "refuse") {
      log(null, "connection_reset", null);
      req.socket.destroy();
      return;
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    const record = parseRecord(raw);
    const answer = answerRecord(req, target, resource, raw, record, key);
    const code = (answer.body as { error?: { code?: string } }).error?.code ?? null;
    log(answer.status, code, answer.ref ?? (record ? recordRef(record) : null));
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    sendJson(res, answer);
  }

  /** Decided in one synchronous step, so two concurrent repeats of a key cannot both be accepted. */
  function answerRecord(
    req: http.IncomingMessage,
    target: TargetState,
    resource: string,
    raw: string | null,
    record: Record<string, unknown> | null,
    key: string | null,
  ): Answer {
    if (target.mode === "down") return errorAnswer(503, "unavailable", `${target.label} is down (sandbox switch). Try again later.`);
    if (!/^Bearer\s+\S+/i.test(header(req, "authorization") ?? "")) return errorAnswer(401, "unauthorized", "Missing bearer credential.");
    if (raw === null) return errorAnswer(413, "payload_too_large", `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    if (!record) return errorAnswer(400, "invalid_json", "Request body is not a JSON object.");
    if (key && target.acceptedKeys.has(key)) return { status: 200, body: { ok: true, duplicate: true }, ref: recordRef(record) };
    const answer = handleRecord(target, resource, record, rules);
    if (answer.status >= 200 && answer.status < 300) {
      target.accepted++;
      if (key) target.acceptedKeys.add(key);
    }
    return answer;
  }

  /** The switches behind the control page; a form post is sent back to the page, a script gets JSON. */
  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    req.resume();
    if (path.replace(/\/$/, "") === "/_sandbox/state" && req.method === "GET")
      return sendJson(res, { status: 200, body: snapshot(state), ref: null });
    if (req.method !== "POST") return sendJson(res, errorAnswer(404, "not_found", `No sandbox control at ${req.method} ${path}.`));
    if (path.replace(/\/$/, "") === "/_sandbox/reset") {
      resetCounters(state);
      say("counters and history reset");
      return controlDone(req, res, { ok: true });
    }
    const match = SWITCH_PATH.exec(path);
    const target = match ? state.targets[`${match[1]}/${match[2]}`] : undefined;
    const mode = match?.[3] as TargetMode | undefined;
    if (!target || !mode || !TARGET_MODES.includes(mode)) {
      return sendJson(
        res,
        errorAnswer(404, "not_found", `No sandbox switch at ${path}; use /_sandbox/{slug}/{wms|cart}/{${TARGET_MODES.join("|")}}.`),
      );
    }
    target.mode = mode;
    say(`${target.id} switched ${mode}`);
    return controlDone(req, res, { ok: true, target: target.id, mode });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      say(`internal error: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, errorAnswer(500, "internal_error", "The sandbox connector failed to handle this request."));
      else res.destroy();
    });
  });

  return {
    server,
    state,
    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const { address, port: bound } = server.address() as AddressInfo;
          resolve({ url: `http://${address.includes(":") ? `[${address}]` : address}:${bound}` });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets of the callers would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

function controlDone(req: http.IncomingMessage, res: http.ServerResponse, body: unknown) {
  const fromPage =
    (header(req, "content-type") ?? "").includes("application/x-www-form-urlencoded") ||
    (header(req, "accept") ?? "").includes("text/html");
  if (!fromPage) return sendJson(res, { status: 200, body, ref: null });
  res.writeHead(303, { location: "/" }).end();
}

function parseRecord(raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The body as text, or null when it exceeds `limit` (the rest is drained, not buffered). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : null;
}

function sendJson(res: http.ServerResponse, answer: Answer) {
  res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(answer.body));
}

function sendHtml(res: http.ServerResponse, html: string) {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}
