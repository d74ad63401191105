import type { Metadata } from "next";
import { ordersHref } from "@/components/orders/orders-href";
import { ShipMethodsManager } from "@/components/settings/ship-methods-manager";
import { saveShipMethodMappingAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { listSettingsWarehouses, listShipMethodMappings } from "@/lib/settings/list-settings";
import { listUnmappedShipMethods } from "@/lib/settings/list-unmapped-ship-methods";
import { adminOnlyMessage, canManage } from "@/lib/tenancy/roles";
import { getCurrentUser } from "../../../_lib/current-scope";

export const metadata: Metadata = { title: "Ship methods" };

type Props = { searchParams: Promise<{ label?: string | string[] }> };

export default async function ShipMethodsPage({ searchParams }: Props) {
  const { scope, timeZone } = await getCurrentUser();
  const raw = (await searchParams).label;
  const focusLabel = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) || null;
  const db = getDb();
  const [mappings, unmapped, warehouses] = await Promise.all([
    listShipMethodMappings(db, scope),
    listUnmappedShipMethods(db, scope),
    listSettingsWarehouses(db, scope),
  ]);
  const now = new Date();
  // Mappings are the warehouse's: only its admins change them (docs/roles.md).
  const ownWarehouses = scope.memberships.filter((m) => m.kind === "warehouse");
  const canEdit = ownWarehouses.some((m) => canManage(scope, m.accountId));
  const warehouseName = warehouses.map((w) => w.name).join(", ") || "the warehouse";
  const readOnly = canEdit
    ? null
    : ownWarehouses.length
      ? `${adminOnlyMessage(ownWarehouses.map((m) => m.name).join(" or "))} You can see the mappings and the orders each label holds here.`
      : `Ship methods are mapped by ${warehouseName}. You can see them here; ask the warehouse to map a label that holds your orders.`;
  return (
    <>
      <PageHeader
        title="Ship methods"
        description="How the warehouse translates a cart's ship-method label into the WMS carrier and service. An order with a label that is not mapped is held until it is; mapping it sends every order held on it at once."
      />
      <ShipMethodsManager
        save={saveShipMethodMappingAction}
        canEdit={canEdit}
        readOnly={readOnly}
        focusLabel={focusLabel}
        unmapped={unmapped.map((u) => ({
          cartLabel: u.cartLabel,
          heldOrders: u.heldOrders,
          merchants: u.merchants,
          heldSince: u.heldSince ? formatAge(u.heldSince, now) : null,
          ordersHref: ordersHref({ status: "held", method: u.cartLabel }),
        }))}
        mappings={mappings.map((m) => ({
          id: m.id,
          cartLabel: m.cartLabel,
          carrier: m.carrier,
          serviceCode: m.serviceCode,
          updated: formatDateTime(m.updatedAt, timeZone),
        }))}
      />
    </>
  );
}
