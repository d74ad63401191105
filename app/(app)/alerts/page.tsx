import type { Metadata } from "next";
import Link from "next/link";
import { AlertList } from "@/components/alerts/alert-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { countOpenAlerts, listOpenAlerts, type AlertCursor } from "@/lib/alerts/list-open-alerts";
import { isWarehouseUser } from "@/lib/tenancy/scope";
import { getCurrentUser } from "../../_lib/current-scope";

export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<{ after?: string }> };

/** `?after=<lastSeenMs>.<id>`: the keyset cursor of the next page. */
function parseCursor(raw?: string): AlertCursor | undefined {
  const match = raw?.match(/^(\d+)\.(\d+)$/);
  return match ? { lastSeenAt: Number(match[1]), id: Number(match[2]) } : undefined;
}

export default async function AlertsPage({ searchParams }: Props) {
  const { scope } = await getCurrentUser();
  const after = parseCursor((await searchParams).after);
  const db = getDb();
  const [{ rows, next }, total] = await Promise.all([listOpenAlerts(db, scope, { after }), countOpenAlerts(db, scope)]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Alerts"
        description={`${total} open ${total === 1 ? "alert" : "alerts"}, most recent first. Failed records are retried automatically; those marked “Needs you” wait for a fix.`}
      />
      {rows.length === 0 ? (
        <EmptyState title={after ? "No more open alerts" : "No open alerts"}>
          {after ? (
            <Link href="/alerts" className="text-indigo-600 hover:underline">
              Back to the newest
            </Link>
          ) : (
            "Every order, tracking number and inventory level has reached its system."
          )}
        </EmptyState>
      ) : (
        <AlertList alerts={rows} now={now} showMerchant={isWarehouseUser(scope)} />
      )}
      <div className="mt-4 flex justify-between text-sm">
        {after ? (
          <Link href="/alerts" className="text-indigo-600 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={`/alerts?after=${next.lastSeenAt}.${next.id}`} className="text-indigo-600 hover:underline">
            Older alerts →
          </Link>
        ) : null}
      </div>
    </>
  );
}
