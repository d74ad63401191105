import type { ReactNode } from "react";

export type NoticeTone = "success" | "warning" | "error" | "info";

const TONES: Record<NoticeTone, { box: string; icon: string }> = {
  success: { box: "bg-emerald-50 text-emerald-900 ring-emerald-200", icon: "✓" },
  warning: { box: "bg-amber-50 text-amber-900 ring-amber-200", icon: "!" },
  error: { box: "bg-red-50 text-red-900 ring-red-200", icon: "✕" },
  info: { box: "bg-sky-50 text-sky-900 ring-sky-200", icon: "i" },
};

/** A message after an action: errors interrupt (role alert), everything else is announced politely. */
export function Notice({
  tone,
  children,
  testId = "notice",
  className = "",
}: {
  tone: NoticeTone;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const t = TONES[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      data-tone={tone}
      className={`flex gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset ${t.box} ${className}`}
    >
      {/* The icon is drawn by CSS so it is neither read out nor part of the message's text. */}
      <span aria-hidden data-icon={t.icon} className="mt-px font-bold before:content-[attr(data-icon)]" />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
