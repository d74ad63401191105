import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/shell/app-nav";
import { openNow } from "@/lib/alerts/alert-stats";
import { requestTabCounts } from "../_lib/alert-counts";
import { getCurrentUser } from "../_lib/current-scope";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, scope } = await getCurrentUser();
  const openAlerts = openNow(await requestTabCounts(scope));
  const accountNames = scope.memberships.map((m) => m.name).join(", ");
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white px-3 py-5 md:flex">
        <Link href="/alerts" className="mb-8 flex items-center gap-2 px-3 text-lg font-bold text-slate-900">
          <span className="flex h-7 w-7 items-center justify-center rounded-lg bg-indigo-600 text-sm text-white">F</span>
          Fixline
        </Link>
        <AppNav openAlerts={openAlerts} />
        <div className="mt-auto border-t border-slate-200 px-3 pt-4">
          <p className="truncate text-sm font-medium text-slate-900" data-testid="signed-in-user">
            {user.name ?? user.email}
          </p>
          <p className="truncate text-xs text-slate-500">{accountNames}</p>
          <form action={signOutAction}>
            <button type="submit" className="mt-2 text-xs font-medium text-indigo-600 hover:underline">
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
          <span className="font-bold">Fixline</span>
          <nav className="flex gap-4 text-sm">
            <Link href="/alerts">Alerts ({openAlerts})</Link>
            <Link href="/orders">Orders</Link>
            <Link href="/settings/profile">Settings</Link>
          </nav>
        </div>
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </div>
    </div>
  );
}
