import type { AlertKind, OrderStatus } from "@/db/schema";

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  order_send_failed: "Order send failed",
  address_invalid: "Address invalid",
  ship_method_unmapped: "Ship method unmapped",
  tracking_push_failed: "Tracking push failed",
  inventory_push_failed: "Inventory push failed",
  record_skipped: "Record skipped",
  connection_down: "Connection down",
  remote_error: "Reported error",
  connection_silent: "Connection silent",
};

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  new: "New",
  at_wms: "At WMS",
  shipped: "Shipped",
  error: "Error",
  held: "Held",
  skipped: "Skipped",
  canceled: "Canceled",
};
