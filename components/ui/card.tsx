import type { ReactNode } from "react";

export function Card({ title, children, className = "" }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl bg-white shadow-sm ring-1 ring-slate-200 ${className}`}>
      {title ? <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">{title}</h2> : null}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
