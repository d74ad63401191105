"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { QuietHours, SilenceSensitivity } from "@/db/schema";
import type { ServerAction } from "@/lib/action-result";
import { Notice, type NoticeTone } from "../ui/notice";
import { button, checkbox, input } from "../ui/styles";

/** The Connections page's silence action (app/(app)/settings/connections/actions.ts), passed down from the page. */
export type SaveSilenceAction = ServerAction<
  { connectionId: number; sensitivity: string; quietWeekdays: number[]; quietFrom: string; quietTo: string },
  undefined
>;

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const SENSITIVITY: Record<SilenceSensitivity, string> = {
  off: "Off — never alert",
  low: "Low — only long silences",
  normal: "Normal",
  high: "High — alert sooner",
};

type Props = {
  connectionId: number;
  kind: "cart" | "wms";
  sensitivity: SilenceSensitivity;
  quiet: QuietHours | null;
  readOnly: boolean;
  save: SaveSilenceAction;
};

/** Sensitivity and quiet hours of the silence watch for one connection (docs/silence.md). */
export function SilenceSettings({ connectionId, kind, sensitivity, quiet, readOnly, save }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const id = (name: string) => `silence-${connectionId}-${name}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      connectionId,
      sensitivity: String(form.get("sensitivity") ?? ""),
      quietWeekdays: form.getAll("quietWeekdays").map(Number),
      quietFrom: String(form.get("quietFrom") ?? ""),
      quietTo: String(form.get("quietTo") ?? ""),
    };
    startTransition(async () => {
      const answer = await save(values).catch(() => ({
        ok: false as const,
        error: "Lost the connection to Fixline; try again.",
        fields: undefined,
      }));
      setNotice(answer.ok ? { tone: "success", text: answer.message } : { tone: "error", text: answer.error });
      if (answer.ok) router.refresh();
    });
  };

  return (
    <form
      onSubmit={submit}
      className="mt-4 border-t border-slate-100 pt-4"
      aria-label="Silence watch"
      data-testid={`silence-${connectionId}`}
    >
      <p className="text-sm font-semibold text-slate-900">Silence watch</p>
      <p className="mt-0.5 text-xs text-slate-500">
        Alerts when {kind === "cart" ? "orders stop arriving" : "shipments stop while orders keep reaching it"} well beyond its usual gap
        for that hour of the week. Nothing is expected in quiet hours.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor={id("sensitivity")} className="block text-xs font-medium text-slate-700">
            Sensitivity
          </label>
          <select id={id("sensitivity")} name="sensitivity" defaultValue={sensitivity} disabled={readOnly} className={input()}>
            {(Object.keys(SENSITIVITY) as SilenceSensitivity[]).map((s) => (
              <option key={s} value={s}>
                {SENSITIVITY[s]}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="block text-xs font-medium text-slate-700">Quiet all day</legend>
          <div className="mt-2 flex gap-3">
            {DAYS.map((day, n) => (
              <label key={day} className="flex items-center gap-1 text-sm text-slate-700">
                <input
                  type="checkbox"
                  name="quietWeekdays"
                  value={n}
                  defaultChecked={quiet?.weekdays.includes(n)}
                  disabled={readOnly}
                  className={checkbox}
                />
                {day}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={id("from")} className="block text-xs font-medium text-slate-700">
            Quiet every day from
          </label>
          <input
            id={id("from")}
            name="quietFrom"
            placeholder="22:00"
            defaultValue={quiet?.from ?? ""}
            disabled={readOnly}
            className={`${input()} w-24`}
          />
        </div>
        <div>
          <label htmlFor={id("to")} className="block text-xs font-medium text-slate-700">
            to
          </label>
          <input
            id={id("to")}
            name="quietTo"
            placeholder="06:00"
            defaultValue={quiet?.to ?? ""}
            disabled={readOnly}
            className={`${input()} w-24`}
          />
        </div>
        {readOnly ? null : (
          <button type="submit" className={button.secondary} disabled={pending}>
            {pending ? "Saving…" : "Save silence settings"}
          </button>
        )}
      </div>
      {notice ? (
        <Notice tone={notice.tone} className="mt-3">
          {notice.text}
        </Notice>
      ) : null}
    </form>
  );
}
