import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { listShipMethodMappings } from "@/lib/settings/list-settings";
import { getCurrentUser } from "../../../_lib/current-scope";

export const metadata: Metadata = { title: "Ship methods" };

export default async function ShipMethodsPage() {
  const { scope } = await getCurrentUser();
  const mappings = await listShipMethodMappings(getDb(), scope);
  return (
    <>
      <PageHeader
        title="Ship methods"
        description="How the warehouse translates a cart's ship-method label into the WMS carrier and service. Orders with a label that is not here are held until it is mapped."
      />
      {mappings.length === 0 ? (
        <EmptyState title="No ship methods mapped yet" />
      ) : (
        <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Cart label</th>
                <th className="px-4 py-3">Carrier</th>
                <th className="px-4 py-3">Service code</th>
                <th className="px-4 py-3">Updated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {mappings.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3 font-medium text-slate-900">{m.cartLabel}</td>
                  <td className="px-4 py-3">{m.carrier}</td>
                  <td className="px-4 py-3 font-mono text-slate-700">{m.serviceCode}</td>
                  <td className="px-4 py-3 text-slate-500">{formatDateTime(m.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
