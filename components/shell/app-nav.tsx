"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SETTINGS = [
  { href: "/settings/ship-methods", label: "Ship methods" },
  { href: "/settings/ship-by", label: "Ship-by cutoffs" },
  { href: "/settings/sku-mappings", label: "SKU mappings" },
  { href: "/settings/error-library", label: "Error library" },
  { href: "/settings/profile", label: "Profile & Billing" },
  { href: "/settings/connections", label: "Connections" },
];

export function AppNav({ openAlerts }: { openAlerts: number }) {
  const path = usePathname();
  const active = (href: string) => path === href || path.startsWith(`${href}/`);
  const item = (href: string) =>
    `flex items-center justify-between rounded-md px-3 py-2 text-sm font-medium ${
      active(href) ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100"
    }`;
  return (
    <nav aria-label="Main" className="space-y-6">
      <div className="space-y-1">
        <Link href="/alerts" className={item("/alerts")} aria-current={active("/alerts") ? "page" : undefined}>
          Alerts
          <span
            data-testid="open-alerts-count"
            aria-label={`${openAlerts} open alerts`}
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ${openAlerts ? "bg-red-100 text-red-700" : "bg-slate-100 text-slate-600"}`}
          >
            {openAlerts}
          </span>
        </Link>
        <Link href="/orders" className={item("/orders")} aria-current={active("/orders") ? "page" : undefined}>
          Orders
        </Link>
      </div>
      <div>
        <p className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">Settings</p>
        <div className="mt-2 space-y-1">
          {SETTINGS.map((s) => (
            <Link key={s.href} href={s.href} className={item(s.href)} aria-current={active(s.href) ? "page" : undefined}>
              {s.label}
            </Link>
          ))}
        </div>
      </div>
    </nav>
  );
}
