"use client";

import { useState, useTransition } from "react";
import { CopyButton } from "../ui/copy-button";

type Result = { ok: true; message: string; data?: { secret: string } } | { ok: false; error: string };
type SecretAction = (input: { connectionId: number }) => Promise<Result>;

const button =
  "rounded-md bg-white px-2.5 py-1.5 text-xs font-semibold text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-60";

/**
 * The connection's signing secret: hidden until asked for (it is fetched then, not sent with the page),
 * copyable, and rotatable after a confirmation that says how long the old one keeps working. Only admins
 * reveal or rotate it (docs/roles.md): a member reads `readOnly` instead of the buttons.
 */
export function WebhookSecret({
  connectionId,
  readOnly,
  reveal,
  rotate,
}: {
  connectionId: number;
  /** Why the user may neither reveal nor rotate it: "Only an admin of … can change this." */
  readOnly: string | null;
  reveal: SecretAction;
  rotate: SecretAction;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (action: SecretAction, after?: (message: string) => void) =>
    startTransition(async () => {
      const result = await action({ connectionId });
      if (!result.ok) return setNotice({ tone: "error", text: result.error });
      setSecret(result.data?.secret ?? null);
      after?.(result.message);
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <code
          className={`min-w-0 flex-1 rounded-md bg-slate-50 px-3 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset ${secret ? "basis-full break-all" : "truncate"}`}
          data-testid="webhook-secret"
        >
          {secret ?? "whsec_••••••••••••••••"}
        </code>
        {secret ? (
          <>
            <CopyButton value={secret} label="Copy secret" />
            <button type="button" className={button} onClick={() => setSecret(null)}>
              Hide
            </button>
          </>
        ) : readOnly ? null : (
          <button type="button" className={button} disabled={pending} onClick={() => run(reveal)}>
            Reveal
          </button>
        )}
        {!readOnly && !confirming ? (
          <button type="button" className={button} disabled={pending} onClick={() => setConfirming(true)}>
            Rotate…
          </button>
        ) : null}
      </div>
      {readOnly ? (
        <p className="text-xs text-slate-600" data-testid="read-only">
          {readOnly}
        </p>
      ) : null}
      {confirming ? (
        <div
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
          role="group"
          aria-label="Confirm rotation"
        >
          <p>
            Make a new secret? The current one keeps working for 24 hours, so the connector can switch without losing events; a secret
            replaced earlier stops working now.
          </p>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              className="rounded-md bg-amber-600 px-2.5 py-1.5 text-xs font-semibold text-white shadow-sm hover:bg-amber-500 disabled:opacity-60"
              disabled={pending}
              onClick={() =>
                run(rotate, (message) => {
                  setConfirming(false);
                  setNotice({ tone: "ok", text: `${message} Update the connector.` });
                })
              }
            >
              {pending ? "Rotating…" : "Rotate secret"}
            </button>
            <button type="button" className={button} disabled={pending} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {notice ? (
        <p className={`text-xs ${notice.tone === "ok" ? "text-emerald-700" : "text-red-700"}`} data-testid="webhook-secret-notice">
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
