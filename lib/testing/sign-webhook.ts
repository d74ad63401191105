import { Webhook } from "standardwebhooks";
import type { SignatureHeaders } from "../webhooks/verify-signature";

/** Signs a body as a connector would, with the reference library. */
export function signed(secret: string, body: string, at: Date, id = `msg_${Math.random().toString(36).slice(2)}`): SignatureHeaders {
  return { id, timestamp: String(Math.floor(at.getTime() / 1000)), signature: new Webhook(secret).sign(id, at, body) };
}
