import { signRequest } from "../webhooks/sign-request";
import type { SignatureHeaders } from "../webhooks/verify-signature";

/** Signs a body as a connector would, in the shape the core reads the headers in. */
export function signed(secret: string, body: string, at: Date, id?: string): SignatureHeaders {
  const headers = signRequest(secret, body, { id, at });
  return { id: headers["webhook-id"], timestamp: headers["webhook-timestamp"], signature: headers["webhook-signature"] };
}
