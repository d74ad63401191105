import type { AlertKind } from "@/db/schema";
import { ALERT_KIND_LABELS } from "@/lib/alerts/kinds";
import { Badge, type Tone } from "../ui/badge";

const TONE: Record<AlertKind, Tone> = {
  order_send_failed: "red",
  address_invalid: "amber",
  ship_method_unmapped: "amber",
  tracking_push_failed: "blue",
  inventory_push_failed: "blue",
  record_skipped: "red",
  connection_down: "red",
  connection_silent: "red",
  remote_error: "gray",
};

export function AlertKindBadge({ kind }: { kind: AlertKind }) {
  return <Badge tone={TONE[kind]}>{ALERT_KIND_LABELS[kind]}</Badge>;
}
