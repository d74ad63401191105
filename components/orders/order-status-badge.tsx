import type { OrderStatus } from "@/db/schema";
import { ORDER_STATUS_LABELS } from "@/lib/alerts/kinds";
import { Badge, type Tone } from "../ui/badge";

const TONE: Record<OrderStatus, Tone> = {
  new: "indigo",
  at_wms: "blue",
  shipped: "green",
  error: "red",
  held: "amber",
  skipped: "red",
  canceled: "gray",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={TONE[status]}>{ORDER_STATUS_LABELS[status]}</Badge>;
}
