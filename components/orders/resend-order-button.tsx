"use client";

import { useState, useTransition } from "react";
import type { ServerAction } from "@/lib/action-result";
import type { AttemptData } from "@/lib/format/attempt";
import { Notice, type NoticeTone } from "../ui/notice";
import { button } from "../ui/styles";
import { useHydrated } from "../ui/use-hydrated";

export type ResendAction = ServerAction<{ orderId: number; version: number }, AttemptData>;

/** "Resend to WMS" for one order (docs/rules.md#r5), with the WMS's answer shown where the button is. */
export function ResendOrderButton({
  orderId,
  version,
  canResend,
  sending = false,
  className = "",
  resend,
}: {
  /** The "Resend to WMS" server action (app/(app)/orders/actions.ts), passed by the page. */
  resend: ResendAction;
  orderId: number;
  /** The order's payload version shown: the resend is refused if the order changed since (docs/rules.md#r9). */
  version: number;
  canResend: boolean;
  /** A worker is sending the order right now: the button waits. */
  sending?: boolean;
  className?: string;
}) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const send = () =>
    startTransition(async () => {
      const answer = await resend({ orderId, version }).catch(() => ({
        ok: false as const,
        error: "Lost the connection to Fixline; try again.",
      }));
      setResult(answer.ok ? { tone: answer.data?.tone ?? "success", text: answer.message } : { tone: "error", text: answer.error });
    });
  return (
    <div className={className}>
      {/* Stays mounted once the order is accepted, so the answer stays on screen. */}
      {canResend ? (
        <button type="button" onClick={send} disabled={pending || !hydrated || sending} className={button.secondary}>
          {pending ? "Sending…" : "Resend to WMS"}
        </button>
      ) : null}
      {result ? (
        <Notice tone={result.tone} testId="resend-result" className="mt-2">
          {result.text}
        </Notice>
      ) : null}
    </div>
  );
}
