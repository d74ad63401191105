import type { Metadata } from "next";
import { SkuMappingsManager } from "@/components/error-library/sku-mappings-manager";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { canMakeErrorRules } from "@/lib/error-library/rule-access";
import { listHeldSkus, listSkuMappings } from "@/lib/error-library/save-sku-mapping";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { getCurrentUser } from "../../../_lib/current-scope";
import { retryHeldOnSkuAction, saveSkuMappingAction } from "./actions";

export const metadata: Metadata = { title: "SKU mappings" };

type Props = { searchParams: Promise<{ sku?: string | string[] }> };

export default async function SkuMappingsPage({ searchParams }: Props) {
  const { scope, timeZone } = await getCurrentUser();
  const raw = (await searchParams).sku;
  const focusSku = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 80) || null;
  const db = getDb();
  const [held, mappings] = await Promise.all([listHeldSkus({ db, scope }), listSkuMappings({ db, scope })]);
  const now = new Date();
  // SKU mappings are the warehouse's: only its admins change them (docs/roles.md).
  const canEdit = canMakeErrorRules(scope);
  return (
    <>
      <PageHeader
        title="SKU mappings"
        description="How the warehouse translates a cart's SKU into the WMS item. An order with a SKU the WMS does not know is held at its first try; mapping the SKU, or adding the item in the WMS and retrying, sends every order held on it at once."
      />
      <SkuMappingsManager
        actions={{ save: saveSkuMappingAction, retry: retryHeldOnSkuAction }}
        canEdit={canEdit}
        readOnly={
          canEdit
            ? null
            : "Only an admin of the warehouse can change SKU mappings. You can see them here, and the SKUs that hold your orders."
        }
        focusSku={focusSku}
        held={held.map((h) => ({ sku: h.sku, orders: h.orders, merchants: h.merchants, since: formatAge(h.since, now) }))}
        mappings={mappings.map((m) => ({ id: m.id, cartSku: m.cartSku, wmsSku: m.wmsSku, updated: formatDateTime(m.updatedAt, timeZone) }))}
      />
    </>
  );
}
