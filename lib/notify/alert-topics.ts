// The kinds of alerts a contact chooses to receive (Profile & Billing; docs/emails.md, "Per-contact choices").
// No choice (null) is every kind: today's behaviour.
import type { Alert, AlertKind, AlertTopic } from "@/db/schema";
import type { ImmediateKind } from "./find-due-alert-emails";

const TOPIC_OF_KIND: Record<AlertKind, AlertTopic> = {
  address_invalid: "address",
  ship_method_unmapped: "ship_method",
  order_send_failed: "order_errors",
  remote_error: "order_errors",
  tracking_push_failed: "sync",
  inventory_push_failed: "sync",
  record_skipped: "skipped",
  connection_down: "connection",
  connection_silent: "connection",
};

/** The topic an alert belongs to in an email of this kind (a giving-up notice is about being skipped). */
export function topicOf(kind: ImmediateKind | "digest", alert: Pick<Alert, "kind">): AlertTopic {
  if (kind === "giving_up_soon") return "skipped";
  return TOPIC_OF_KIND[alert.kind];
}

export function receivesTopic(
  contact: { alertTopics: AlertTopic[] | null },
  kind: ImmediateKind | "digest",
  alert: Pick<Alert, "kind">,
): boolean {
  return contact.alertTopics == null || contact.alertTopics.includes(topicOf(kind, alert));
}

/** The alert kinds a contact's digest lists; null: every kind. */
export function digestKinds(contact: { alertTopics: AlertTopic[] | null }): AlertKind[] | null {
  if (contact.alertTopics == null) return null;
  return (Object.keys(TOPIC_OF_KIND) as AlertKind[]).filter((k) => contact.alertTopics!.includes(TOPIC_OF_KIND[k]));
}
