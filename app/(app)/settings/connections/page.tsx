import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { listConnections } from "@/lib/settings/list-settings";
import { getCurrentUser } from "../../../_lib/current-scope";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const { scope } = await getCurrentUser();
  const connections = await listConnections(getDb(), scope);
  return (
    <>
      <PageHeader
        title="Connections"
        description="The carts and warehouse systems each merchant is connected to, and how often the hub talks to them."
      />
      {connections.length === 0 ? (
        <EmptyState title="No connections" />
      ) : (
        <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Connection</th>
                <th className="px-4 py-3">Merchant</th>
                <th className="px-4 py-3">Kind</th>
                <th className="px-4 py-3">Endpoint</th>
                <th className="px-4 py-3">Sync</th>
                <th className="px-4 py-3">Webhook URL</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {connections.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-3">
                    <span className="block font-medium text-slate-900">{c.name}</span>
                    <span className="block text-xs text-slate-500">{c.platform}</span>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{c.merchantName}</td>
                  <td className="px-4 py-3">
                    <Badge tone={c.kind === "cart" ? "indigo" : "blue"}>{c.kind === "cart" ? "Cart" : "WMS"}</Badge>
                  </td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-700">{c.endpointUrl}</td>
                  <td className="px-4 py-3 text-slate-700">
                    every {c.syncIntervalMinutes} min
                    {c.lastSyncAt ? <span className="block text-xs text-slate-500">last {formatDateTime(c.lastSyncAt)}</span> : null}
                  </td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-700">/api/webhooks/{c.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
