import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { orders } from "@/db/schema";
import { raiseAlert } from "../alerts/record-alert";
import { NEEDS_PERSON_CODES } from "../connectors/outcome";
import { within } from "../tenancy/scope";
import { NOTHING_TO_SEND, type ApplyContext, type FollowUp } from "./apply-context";
import type { ErrorReportedInput } from "./events";

/**
 * error.reported: an error a system found later about an order or a product becomes a `remote_error` alert
 * with its message verbatim. The same record reported again for the same cause (its code, or else its
 * message) updates that one open alert (docs/rules.md#r8); a needs-a-person code marks it so (docs/rules.md#r3).
 */
export async function applyErrorReported(ctx: ApplyContext, data: ErrorReportedInput): Promise<FollowUp> {
  const { tx, connection, scope, now } = ctx;
  const [order] = data.orderNumber
    ? await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(within(orders.accountId, scope.merchantIds), eq(orders.orderNumber, data.orderNumber)))
    : [];
  const cause = data.code ?? `message:${createHash("sha256").update(data.message).digest("hex").slice(0, 16)}`;
  await raiseAlert(
    tx,
    {
      accountId: connection.accountId,
      kind: "remote_error",
      connectionId: connection.id,
      orderId: order?.id ?? null,
      orderNumber: data.orderNumber ?? null,
      productCode: data.sku ?? null,
      needsPerson: (NEEDS_PERSON_CODES as readonly string[]).includes(data.code ?? ""),
      message: data.message,
      errorCode: data.code ?? null,
      dedupeKey: `remote:${connection.id}:order:${data.orderNumber ?? ""}:sku:${data.sku ?? ""}:${cause}`,
    },
    `Reported by ${connection.name}${data.code ? ` (code ${data.code})` : ""}.`,
    now,
  );
  return NOTHING_TO_SEND;
}
