"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/lib/action-result";
import { Notice } from "../ui/notice";
import { button } from "../ui/styles";

type Row = { id: number; treatAs: string; conditions: string; note: string | null; madeBy: string };

/** The warehouse's rules with who made each; an admin edits or removes them. */
export function RuleList({ rules, remove }: { rules: Row[]; remove: ServerAction<{ ruleId: number }> | null }) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  if (rules.length === 0 && !notice)
    return <p className="text-sm text-slate-600">No rules yet: open an alert and choose “Treat errors like this differently”.</p>;
  return (
    <div className="space-y-3">
      {notice ? <Notice tone={notice.ok ? "success" : "error"}>{notice.text}</Notice> : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="error-rules">
        {rules.map((r) => (
          <li key={r.id} className="flex items-start justify-between gap-4 py-3" data-testid="error-rule">
            <div>
              <p className="font-semibold text-slate-900">
                #{r.id} · {r.treatAs}
              </p>
              <p className="text-slate-700">{r.conditions}</p>
              {r.note ? <p className="text-slate-600">“{r.note}”</p> : null}
              <p className="text-xs text-slate-500">Made by {r.madeBy}</p>
            </div>
            {remove ? (
              <div className="flex shrink-0 gap-2">
                <Link href={`/settings/error-library/new?rule=${r.id}`} className={button.small}>
                  Edit
                </Link>
                <button
                  type="button"
                  className={button.small}
                  disabled={pending}
                  onClick={() =>
                    startTransition(async () => {
                      const result = await remove({ ruleId: r.id });
                      setNotice(result.ok ? { ok: true, text: result.message } : { ok: false, text: result.error });
                      router.refresh();
                    })
                  }
                >
                  Remove
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
