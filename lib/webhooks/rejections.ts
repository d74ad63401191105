/**
 * Why the webhook endpoint refused a request. A rejection changes nothing; the route maps each code to its
 * HTTP status once (app/api/webhooks/[connectionId]/route.ts) and docs/webhooks.md says what to do about it.
 */
export type RejectionCode =
  | "payload_too_large"
  | "missing_signature"
  | "invalid_webhook_id"
  | "timestamp_out_of_tolerance"
  | "invalid_signature"
  | "rate_limited"
  | "invalid_json"
  | "invalid_event"
  | "event_not_allowed";

export type Rejection = {
  code: RejectionCode;
  message: string;
  /** invalid_event: the wrong fields, path → what is wrong. */
  fields?: Record<string, string>;
  /** rate_limited: when to try again. */
  retryAfterSeconds?: number;
};

export const MAX_WEBHOOK_BYTES = 256 * 1024;

/** The one answer for a bad signature and for an unknown connection, so connection ids cannot be probed. */
export const INVALID_SIGNATURE: Rejection = {
  code: "invalid_signature",
  message:
    "The webhook-signature does not match. Sign `{webhook-id}.{webhook-timestamp}.{body}` with this connection's current secret (Settings → Connections) and send the body exactly as signed.",
};

export function tooLarge(bytes: number | null): Rejection {
  const size = bytes === null ? "" : ` (${bytes} bytes)`;
  return {
    code: "payload_too_large",
    message: `The body${size} is larger than ${MAX_WEBHOOK_BYTES} bytes (256 KiB). Split it into several events.`,
  };
}
