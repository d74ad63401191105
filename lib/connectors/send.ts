import { classifyNetworkError, classifyResponse, type Outcome } from "./outcome";

export const DEFAULT_TIMEOUT_MS = 15_000;

/** The resource a delivery is posted to, under the connection's endpoint (SPEC §7). */
export const DELIVERY_PATHS = { order_to_wms: "/orders", tracking_to_cart: "/tracking", inventory_to_cart: "/inventory" } as const;

export type OutboundRequest = {
  endpointUrl: string;
  credential: string;
  path: string;
  payload: unknown;
  idempotencyKey: string;
};

/** Sends one record to a connector and classifies the answer. Never throws: every failure is an Outcome. */
export type Send = (request: OutboundRequest) => Promise<Outcome>;

export function httpSender(options: { timeoutMs?: number; now?: () => Date } = {}): Send {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  return async (request) => {
    const url = `${request.endpointUrl.replace(/\/$/, "")}${request.path}`;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${request.credential}`,
          "idempotency-key": request.idempotencyKey,
          "user-agent": "Fixline/1.0",
        },
        body: JSON.stringify(request.payload),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      const body = await response.text();
      return classifyResponse(response.status, body, response.headers.get("retry-after"), now());
    } catch (error) {
      return classifyNetworkError(error, url, timeoutMs);
    }
  };
}

/** Stable for the same record and payload version, so a receiver can drop a repeat (R7). */
export function idempotencyKey(delivery: { id: number; kind: string; payloadVersion: number }): string {
  return `fixline:${delivery.kind}:${delivery.id}:v${delivery.payloadVersion}`;
}
