import type { Metadata } from "next";
import { ordersHref } from "@/components/orders/orders-href";
import { ShipMethodsManager } from "@/components/settings/ship-methods-manager";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { listSettingsWarehouses, listShipMethodMappings } from "@/lib/settings/list-settings";
import { listUnmappedShipMethods } from "@/lib/settings/list-unmapped-ship-methods";
import { isWarehouseUser } from "@/lib/tenancy/scope";
import { getCurrentUser } from "../../../_lib/current-scope";

export const metadata: Metadata = { title: "Ship methods" };

type Props = { searchParams: Promise<{ label?: string | string[] }> };

export default async function ShipMethodsPage({ searchParams }: Props) {
  const { scope } = await getCurrentUser();
  const raw = (await searchParams).label;
  const focusLabel = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) || null;
  const db = getDb();
  const [mappings, unmapped, warehouses] = await Promise.all([listShipMethodMappings(db, scope), listUnmappedShipMethods(db, scope), listSettingsWarehouses(db, scope)]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Ship methods"
        description="How the warehouse translates a cart's ship-method label into the WMS carrier and service. An order with a label that is not mapped is held until it is; mapping it sends every order held on it at once."
      />
      <ShipMethodsManager
        canEdit={isWarehouseUser(scope)}
        warehouseName={warehouses.map((w) => w.name).join(", ") || "the warehouse"}
        focusLabel={focusLabel}
        unmapped={unmapped.map((u) => ({
          cartLabel: u.cartLabel,
          heldOrders: u.heldOrders,
          merchants: u.merchants,
          heldSince: u.heldSince ? formatAge(u.heldSince, now) : null,
          ordersHref: ordersHref({ status: "held", method: u.cartLabel }),
        }))}
        mappings={mappings.map((m) => ({ id: m.id, cartLabel: m.cartLabel, carrier: m.carrier, serviceCode: m.serviceCode, updated: formatDateTime(m.updatedAt) }))}
      />
    </>
  );
}
