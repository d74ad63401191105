import type { Send } from "../connectors/send";
import type { Actor } from "../retry/actor";
import type { RetrySettings } from "../retry/policy";
import type { ActionDeps } from "../retry/resend-order";

/** Who acts when a connector's event changes something: recorded in alert history. */
export const WEBHOOK_ACTOR: Actor = { type: "system", name: "webhook" };

/** What processing an event needs: the time, the outbound sender and a lease-holder name (docs/rules.md#r7). */
export type WebhookDeps = { now: Date; send: Send; owner: string; settings?: RetrySettings };

export function engineDeps(deps: WebhookDeps): ActionDeps {
  return { now: deps.now, send: deps.send, owner: deps.owner, settings: deps.settings, actor: WEBHOOK_ACTOR };
}
