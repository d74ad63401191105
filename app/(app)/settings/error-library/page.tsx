import type { Metadata } from "next";
import Link from "next/link";
import { RuleList } from "@/components/error-library/rule-list";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { CATALOGUE } from "@/lib/error-library/catalogue";
import { listErrorRules, unrecognisedMessages } from "@/lib/error-library/list-error-library";
import { canMakeErrorRules } from "@/lib/error-library/rule-access";
import { formatDateTime } from "@/lib/format/time";
import { getCurrentUser } from "../../../_lib/current-scope";
import { deleteErrorRuleAction } from "./actions";

export const metadata: Metadata = { title: "Error library" };

const TREATED = { needs_person: "Needs a person", retryable: "Retryable", connection: "Connection problem" } as const;

export default async function ErrorLibraryPage() {
  const { scope, timeZone } = await getCurrentUser();
  const db = getDb();
  const [rules, unknown] = await Promise.all([listErrorRules({ db, scope }), unrecognisedMessages({ db, scope })]);
  const canEdit = canMakeErrorRules(scope);
  return (
    <>
      <PageHeader
        title="Error library"
        description={`What Fixline makes of the errors your systems send: ${CATALOGUE.length} built-in explanations (from the platforms' API documentation, HTTP and Fixline's own codes), and your warehouse's own rules, which come first.`}
      />
      <div className="space-y-6">
        {canEdit ? null : (
          <Notice tone="info" testId="read-only">
            Only an admin of the warehouse can make or change error rules. You see their explanations on every alert.
          </Notice>
        )}
        <Card title={`Your warehouse's rules (${rules.length})`}>
          <RuleList
            remove={canEdit ? deleteErrorRuleAction : null}
            rules={rules.map((r) => ({
              id: r.id,
              treatAs: TREATED[r.treatAs],
              conditions: [
                r.messageContains ? `message contains “${r.messageContains}”` : null,
                r.errorCode ? `code ${r.errorCode}` : null,
                r.httpStatus != null ? `HTTP ${r.httpStatus}` : null,
                r.platform ? `platform ${r.platform}` : null,
                r.connectionKind ? (r.connectionKind === "wms" ? "WMSs only" : "carts only") : null,
              ]
                .filter(Boolean)
                .join(" · "),
              note: r.note,
              madeBy: `${r.madeByName ?? "A warehouse admin"}, ${formatDateTime(r.createdAt, timeZone)}`,
            }))}
          />
        </Card>
        <Card title="Most frequent unrecognised messages">
          {unknown.length === 0 ? (
            <p className="text-sm text-slate-600">Every open alert has a plain explanation.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="unrecognised">
              {unknown.map((u) => (
                <li key={u.sampleAlertId} className="flex items-start justify-between gap-4 py-3" data-testid="unrecognised-message">
                  <div className="min-w-0">
                    <p className="font-mono break-words text-slate-900">{u.message}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {u.alerts} open {u.alerts === 1 ? "alert" : "alerts"} · {u.connectionPlatform ?? "no connection"}
                      {u.httpStatus ? ` · HTTP ${u.httpStatus}` : ""}
                      {u.errorCode ? ` · ${u.errorCode}` : ""}
                    </p>
                  </div>
                  {canEdit && u.sampleAlertId ? (
                    <Link
                      href={`/settings/error-library/new?alert=${u.sampleAlertId}`}
                      className="shrink-0 font-medium text-indigo-700 hover:underline"
                    >
                      Make a rule
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
