import Link from "next/link";
import type { Explanation } from "@/lib/error-library/explain-alert";
import { formatDateTime } from "@/lib/format/time";
import { Badge } from "../ui/badge";

const POLICY_WORDS = {
  retry: "Retried on its cadence until it goes through.",
  hold: "Held: not retried, because retrying cannot fix it. The fix sends it at once.",
  hold_after: "Retried for a while, then held for a person.",
  connection: "Treated as the connection's problem: sends to it are paused and probed until it answers.",
} as const;

/**
 * What the error library makes of an alert's error (docs/error-library.md): the plain cause, who can fix it and the
 * one action, with the system's own message kept below for support. `teachHref`: where an admin makes a rule.
 */
export function ExplanationCard({
  explanation: e,
  message,
  teachHref,
  timeZone,
}: {
  explanation: Explanation;
  message: string;
  teachHref?: string | null;
  /** The reader's zone, for when a rule was made (docs/rules.md#t3). */
  timeZone: string;
}) {
  return (
    <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="explanation" aria-labelledby="explanation-title">
      <div className="px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="explanation-title" className="text-base font-semibold text-slate-900" data-testid="explanation-headline">
            {e.headline}
          </h2>
          {e.explained ? null : <Badge tone="gray">Not recognised</Badge>}
          {e.origin === "rule" ? <Badge tone="indigo">Warehouse rule</Badge> : null}
        </div>
        <p className="mt-1.5 text-sm text-slate-700">{e.cause}</p>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">Who can fix it</dt>
          <dd className="text-slate-900">{e.fixerLabel}</dd>
          <dt className="text-slate-500">What fixes it</dt>
          <dd className="text-slate-900" data-testid="explanation-action">
            {e.action.href ? (
              <Link href={e.action.href} className="font-semibold text-indigo-700 hover:underline">
                {e.action.label} →
              </Link>
            ) : (
              e.action.label
            )}
          </dd>
          <dt className="text-slate-500">What Fixline does</dt>
          <dd className="text-slate-900">{POLICY_WORDS[e.policy.kind]}</dd>
        </dl>
        {e.madeBy ? (
          <p className="mt-2 text-xs text-slate-500" data-testid="rule-made-by">
            Rule made by {e.madeBy.name}, {formatDateTime(e.madeBy.at, timeZone)}.
          </p>
        ) : null}
        {e.source?.startsWith("https://") ? (
          <p className="mt-2 text-xs text-slate-500">
            From the platform&apos;s documentation:{" "}
            <a href={e.source} className="text-indigo-600 underline" rel="noreferrer" target="_blank">
              {new URL(e.source).host}
            </a>
          </p>
        ) : null}
        {teachHref ? (
          <Link href={teachHref} className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline" data-testid="teach-link">
            {e.explained ? "Treat errors like this differently…" : "Teach Fixline what this error means…"}
          </Link>
        ) : null}
      </div>
      <div className="border-t border-slate-200 bg-slate-50 px-5 py-3">
        <p className="text-xs font-medium text-slate-500">For support — the system&apos;s message, verbatim</p>
        <blockquote className="mt-1 font-mono text-sm break-words text-slate-800" data-testid="remote-message">
          {message}
        </blockquote>
      </div>
    </section>
  );
}

/** The explanation in brief, inside another notice (the order page's "Needs you" and "Failing"). */
export function ExplanationNote({ explanation: e, message }: { explanation: Explanation; message: string }) {
  return (
    <div data-testid="explanation">
      <p className="mt-1 text-sm font-semibold text-slate-900" data-testid="explanation-headline">
        {e.headline}
      </p>
      <p className="mt-1 text-sm text-slate-700">{e.cause}</p>
      <p className="mt-1 text-sm text-slate-900" data-testid="explanation-action">
        <span className="text-slate-600">What fixes it: </span>
        {e.action.href ? (
          <Link href={e.action.href} className="font-semibold text-indigo-700 hover:underline">
            {e.action.label} →
          </Link>
        ) : (
          e.action.label
        )}
      </p>
      <p className="mt-2 text-xs text-slate-500">For support — the system&apos;s message:</p>
      <p className="font-mono text-sm break-words text-slate-800">{message}</p>
    </div>
  );
}
