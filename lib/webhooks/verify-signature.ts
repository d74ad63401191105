import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { Connection } from "@/db/schema";
import { INVALID_SIGNATURE, type Rejection } from "./rejections";

/** Standard Webhooks' tolerance, which the reference library also applies. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;
const MAX_WEBHOOK_ID_LENGTH = 256;
/** Verified against when the connection does not exist, so an unknown id costs as much as a wrong secret. */
const DECOY_SECRET = "whsec_" + Buffer.alloc(24, 7).toString("base64");

export type SignatureHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/**
 * Checks what does not depend on the connection — the three headers are there and the timestamp is within
 * five minutes of `now` — so those answers can say exactly what is wrong without revealing whether a
 * connection exists.
 */
export function checkSignatureHeaders(headers: SignatureHeaders, now: Date): Rejection | null {
  const missing = (["id", "timestamp", "signature"] as const).filter((h) => !headers[h]?.trim()).map((h) => `webhook-${h}`);
  if (missing.length) {
    return {
      code: "missing_signature",
      message: `Missing ${missing.join(", ")}: sign every request per the Standard Webhooks specification (standardwebhooks.com).`,
    };
  }
  if (headers.id!.length > MAX_WEBHOOK_ID_LENGTH) {
    return { code: "invalid_webhook_id", message: `webhook-id is longer than ${MAX_WEBHOOK_ID_LENGTH} characters.` };
  }
  const raw = headers.timestamp!.trim();
  const seconds = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(seconds)) {
    return { code: "timestamp_out_of_tolerance", message: `webhook-timestamp '${raw.slice(0, 40)}' is not a Unix time in seconds.` };
  }
  const skew = seconds - Math.floor(now.getTime() / 1000);
  if (Math.abs(skew) > TIMESTAMP_TOLERANCE_SECONDS) {
    const distance = `${Math.round(Math.abs(skew) / 60)} min ${skew < 0 ? "in the past" : "in the future"}`;
    return {
      code: "timestamp_out_of_tolerance",
      message: `webhook-timestamp ${seconds} is ${distance} (Fixline's clock: ${Math.floor(now.getTime() / 1000)}); it must be within ${TIMESTAMP_TOLERANCE_SECONDS / 60} minutes. Sign each delivery with the current time.`,
    };
  }
  return null;
}

/**
 * Verifies the signature with the reference library, against the connection's current secret and, during a
 * rotation, its previous one until that expires. An unknown connection gets the very same rejection.
 */
export function verifySignature(
  connection: Pick<Connection, "webhookSecret" | "previousWebhookSecret" | "previousSecretExpiresAt"> | null,
  headers: SignatureHeaders,
  body: string,
  now: Date,
): Rejection | null {
  const secrets = connection
    ? [
        connection.webhookSecret,
        ...(connection.previousWebhookSecret && connection.previousSecretExpiresAt && connection.previousSecretExpiresAt > now
          ? [connection.previousWebhookSecret]
          : []),
      ]
    : [DECOY_SECRET];
  const signed = { "webhook-id": headers.id!, "webhook-timestamp": headers.timestamp!, "webhook-signature": headers.signature! };
  for (const secret of secrets) {
    try {
      // The library checks the tolerance against the system clock as well; checkSignatureHeaders has
      // already checked it against `now`, which is the system clock outside tests.
      new Webhook(secret).verify(body, signed, { jsonParse: false });
      if (connection) return null;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
    }
  }
  return INVALID_SIGNATURE;
}
