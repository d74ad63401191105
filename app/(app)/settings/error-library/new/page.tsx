import type { Metadata } from "next";
import Link from "next/link";
import { RuleForm, type RuleFields } from "@/components/error-library/rule-form";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db/client";
import { getAlert } from "@/lib/alerts/get-alert";
import { listErrorRules } from "@/lib/error-library/list-error-library";
import { canMakeErrorRules } from "@/lib/error-library/rule-access";
import { getCurrentUser, orNotFound } from "../../../../_lib/current-scope";
import { previewErrorRuleAction, saveErrorRuleAction } from "../actions";

export const metadata: Metadata = { title: "Error rule" };

type Props = { searchParams: Promise<{ alert?: string; rule?: string }> };

const EMPTY: RuleFields = {
  platform: "",
  connectionKind: "",
  httpStatus: "",
  errorCode: "",
  messageContains: "",
  treatAs: "needs_person",
  note: "",
};
const id = (raw: string | undefined) => (raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null);

/** A rule of the error library, made from an alert (`?alert=`) or changed (`?rule=`): docs/error-library.md#rules. */
export default async function NewErrorRulePage({ searchParams }: Props) {
  const { scope } = await getCurrentUser();
  const query = await searchParams;
  const db = getDb();
  if (!canMakeErrorRules(scope)) {
    return (
      <>
        <PageHeader title="Error rule" description="How Fixline treats errors like one of yours." />
        <Notice tone="info" testId="read-only">
          Only an admin of the warehouse can make error rules. You see their explanations on every alert.
        </Notice>
      </>
    );
  }
  let initial = EMPTY;
  const alertId = id(query.alert);
  const ruleId = id(query.rule);
  if (ruleId) {
    const rule = (await listErrorRules({ db, scope })).find((r) => r.id === ruleId);
    if (rule)
      initial = {
        ruleId,
        platform: rule.platform ?? "",
        connectionKind: rule.connectionKind ?? "",
        httpStatus: rule.httpStatus == null ? "" : String(rule.httpStatus),
        errorCode: rule.errorCode ?? "",
        messageContains: rule.messageContains ?? "",
        treatAs: rule.treatAs,
        note: rule.note ?? "",
      };
  } else if (alertId) {
    const { alert, connection } = await orNotFound(getAlert(db, scope, alertId));
    initial = {
      ...EMPTY,
      platform: connection?.platform ?? "",
      connectionKind: connection?.kind ?? "",
      httpStatus: alert.httpStatus == null ? "" : String(alert.httpStatus),
      errorCode: alert.errorCode ?? "",
      // The message up to its first specific (a number, a quoted value, a parenthesis): what errors like it share.
      messageContains: alert.message.split(/\s*[("'#]|\s\d/)[0]!.slice(0, 300),
      treatAs: alert.needsPerson ? "retryable" : "needs_person",
    };
  }
  return (
    <>
      <Link href="/settings/error-library" className="text-sm text-indigo-600 hover:underline">
        ← Error library
      </Link>
      <PageHeader
        title={ruleId ? `Change rule #${ruleId}` : "Teach Fixline an error"}
        description="Say how errors like this one are treated. The rule is your warehouse's: it comes before the built-in library, applies at once to the open alerts it matches, and to every later answer."
      />
      <RuleForm actions={{ preview: previewErrorRuleAction, save: saveErrorRuleAction }} initial={initial} />
    </>
  );
}
