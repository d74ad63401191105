import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** The headers a connector sends with `body` (docs/webhooks.md), signed with the reference library. */
export function signRequest(secret: string, body: string, options: { id?: string; at?: Date } = {}) {
  const id = options.id ?? `msg_${randomBytes(12).toString("hex")}`;
  const at = options.at ?? new Date();
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}
