import type { Metadata } from "next";
import { ConnectionSettings } from "@/components/settings/connection-settings";
import { SilenceSettings } from "@/components/settings/silence-settings";
import { WebhookReceipts } from "@/components/settings/webhook-receipts";
import { WebhookSecret } from "@/components/settings/webhook-secret";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { listConnectionChanges, listPausedConnections } from "@/lib/settings/connections";
import { listConnections } from "@/lib/settings/list-settings";
import { listWebhookReceipts, type ReceiptRow } from "@/lib/webhooks/list-webhook-receipts";
import { adminOnlyMessage, canManage } from "@/lib/tenancy/roles";
import { getCurrentUser } from "../../../_lib/current-scope";
import { publicOrigin } from "../../../_lib/public-origin";
import {
  pauseConnectionAction,
  resumeConnectionAction,
  revealWebhookSecretAction,
  rotateWebhookSecretAction,
  updateConnectionSettingsAction,
  updateSilenceSettingsAction,
} from "./actions";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const { scope, timeZone } = await getCurrentUser();
  const db = getDb();
  const [connections, receipts, origin, changes, paused] = await Promise.all([
    listConnections(db, scope),
    listWebhookReceipts(db, scope),
    publicOrigin(),
    listConnectionChanges(db, scope),
    listPausedConnections(db, scope),
  ]);
  const pausedNote = (id: number) => {
    const p = paused.find((row) => row.id === id);
    return p?.pausedAt ? `Paused since ${formatDateTime(p.pausedAt, timeZone)}${p.pausedBy ? ` by ${p.pausedBy}` : ""}` : null;
  };
  const now = new Date();
  const receiptsOf = (id: number) => receipts.filter((r) => r.connectionId === id);
  // Whose admin a member should ask (docs/roles.md): its own account's, the warehouse's or the merchant's.
  const adminOf = (c: { merchantId: number; warehouseId: number | null; merchantName: string }) =>
    scope.memberships.find((m) => m.accountId === c.merchantId || m.accountId === c.warehouseId)?.name ?? c.merchantName;
  return (
    <>
      <PageHeader
        title="Connections"
        description="The carts and warehouse systems each merchant is connected to, how often the hub talks to them, and the webhooks they send."
      />
      {connections.length === 0 ? (
        <EmptyState title="No connections" />
      ) : (
        <>
          <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
                <tr>
                  <th className="px-4 py-3">Connection</th>
                  <th className="px-4 py-3">Merchant</th>
                  <th className="px-4 py-3">Kind</th>
                  <th className="px-4 py-3">Endpoint</th>
                  <th className="px-4 py-3">Sync</th>
                  <th className="px-4 py-3">Webhooks</th>
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
                      {pausedNote(c.id) ? (
                        <span className="mb-1 block">
                          <Badge tone="amber">Paused</Badge>
                        </span>
                      ) : null}
                      every {c.syncIntervalMinutes} min
                      {c.lastSyncAt ? (
                        <span className="block text-xs text-slate-500">last {formatDateTime(c.lastSyncAt, timeZone)}</span>
                      ) : null}
                    </td>
                    <td className="px-4 py-3">
                      <LastEvent receipt={receiptsOf(c.id)[0]} now={now} href={`#webhooks-${c.id}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2 className="mt-10 text-lg font-semibold text-slate-900">Settings and webhooks</h2>
          <p className="mt-1 text-sm text-slate-600">
            Each connection&apos;s sync interval, endpoint and credential take effect for its next attempt; pausing one stops every send to
            it until it is resumed. Each connector posts its events to its connection&apos;s endpoint, signed with its secret per the
            Standard Webhooks specification. Event shapes:{" "}
            <a href="/api/webhooks/schema.json" className="font-mono text-indigo-600 hover:underline">
              /api/webhooks/schema.json
            </a>
            .
          </p>
          <div className="mt-4 space-y-6">
            {connections.map((c) => {
              const endpoint = `${origin}/api/webhooks/${c.id}`;
              const rotating = c.previousSecretExpiresAt && c.previousSecretExpiresAt > now ? c.previousSecretExpiresAt : null;
              return (
                <section
                  key={c.id}
                  id={`webhooks-${c.id}`}
                  data-testid={`webhooks-${c.id}`}
                  className="scroll-mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
                >
                  <h3 className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
                    {c.name}
                    <span className="font-normal text-slate-500">· {c.merchantName}</span>
                    <Badge tone={c.kind === "cart" ? "indigo" : "blue"}>{c.kind === "cart" ? "Cart" : "WMS"}</Badge>
                  </h3>
                  <div className="border-b border-slate-200 px-5 py-4">
                    <ConnectionSettings
                      connectionId={c.id}
                      name={c.name}
                      syncIntervalMinutes={c.syncIntervalMinutes}
                      endpointUrl={c.endpointUrl}
                      paused={pausedNote(c.id)}
                      readOnly={canManage(scope, c.merchantId) ? null : adminOnlyMessage(adminOf(c))}
                      changes={(changes.get(c.id) ?? []).map((change) => ({
                        detail: change.detail,
                        at: formatDateTime(change.at, timeZone),
                        by: change.actorName ?? change.actorEmail ?? "Fixline",
                      }))}
                      save={updateConnectionSettingsAction}
                      pause={pauseConnectionAction}
                      resume={resumeConnectionAction}
                    />
                    <SilenceSettings
                      connectionId={c.id}
                      kind={c.kind}
                      sensitivity={c.silenceSensitivity}
                      quiet={c.silenceQuietHours}
                      readOnly={!canManage(scope, c.merchantId)}
                      save={updateSilenceSettingsAction}
                    />
                  </div>
                  <div className="grid gap-6 px-5 py-4 lg:grid-cols-5">
                    <div className="space-y-4 text-sm lg:col-span-2">
                      <dl className="space-y-4">
                        <div>
                          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Endpoint URL</dt>
                          <dd className="mt-1 flex items-center gap-2">
                            <code
                              className="min-w-0 flex-1 truncate rounded-md bg-slate-50 px-3 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset"
                              data-testid="webhook-url"
                            >
                              {endpoint}
                            </code>
                            <CopyButton value={endpoint} label="Copy URL" />
                          </dd>
                        </div>
                        <div>
                          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Signing secret</dt>
                          <dd className="mt-1">
                            <WebhookSecret
                              connectionId={c.id}
                              readOnly={canManage(scope, c.merchantId) ? null : adminOnlyMessage(adminOf(c))}
                              reveal={revealWebhookSecretAction}
                              rotate={rotateWebhookSecretAction}
                            />
                            {rotating ? (
                              <p className="mt-2 text-xs text-slate-600" data-testid="previous-secret">
                                The previous secret is still accepted until {formatDateTime(rotating, timeZone)}.
                              </p>
                            ) : null}
                          </dd>
                        </div>
                      </dl>
                      <p className="text-xs text-slate-500">
                        Accepts{" "}
                        {c.kind === "cart" ? "order.upserted and error.reported" : "shipment.created, inventory.updated and error.reported"}
                        .
                      </p>
                    </div>
                    <div className="lg:col-span-3">
                      <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Last events</h4>
                      <div className="mt-1">
                        <WebhookReceipts receipts={receiptsOf(c.id)} now={now} timeZone={timeZone} />
                      </div>
                    </div>
                  </div>
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}

function LastEvent({ receipt, now, href }: { receipt: ReceiptRow | undefined; now: Date; href: string }) {
  return (
    <div className="text-xs">
      {receipt ? (
        <span className="flex flex-wrap items-center gap-1.5 text-slate-600">
          <Badge tone={receipt.status === "failed" ? "red" : receipt.status === "processed" ? "green" : "indigo"}>
            {receipt.status === "failed" ? "Last failed" : receipt.status === "processed" ? "Last processed" : "Last accepted"}
          </Badge>
          {formatAge(receipt.receivedAt, now)}
        </span>
      ) : (
        <span className="text-slate-500">No events yet</span>
      )}
      <a href={href} className="mt-1 block text-indigo-600 hover:underline">
        URL, secret & events ↓
      </a>
    </div>
  );
}
