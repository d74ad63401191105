"use client";

import { useActionState, useRef, useSyncExternalStore } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Field, FormError, input, primary, secondary } from "./contact-fields";
import { TIME_ZONE_LIST } from "./time-zone-options";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

const neverChanges = () => () => {};
const readBrowserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Profile & Billing: the zone this person's pages write times in (docs/rules.md#t3). Offers the browser's own
 * zone when it differs; the core checks any typed one. The page renders the suggestions (TimeZoneOptions).
 */
export function TimeZoneForm({ action: save, current }: { action: Action; current: string }) {
  const [state, action, pending] = useActionState(save, null);
  const field = useRef<HTMLInputElement>(null);
  // The server cannot know the browser's zone: null there and while hydrating, the browser's after.
  const browserZone = useSyncExternalStore(neverChanges, readBrowserZone, () => null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Your time zone">
      <Field label="Times on your pages are in" error={fields.timeZone}>
        <input
          ref={field}
          name="timeZone"
          list={TIME_ZONE_LIST}
          defaultValue={current}
          className={input}
          aria-invalid={Boolean(fields.timeZone)}
          autoComplete="off"
        />
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending} className={primary}>
          {pending ? "Saving…" : "Save time zone"}
        </button>
        {browserZone && browserZone !== current ? (
          <button
            type="button"
            className={secondary}
            onClick={() => {
              if (field.current) field.current.value = browserZone;
            }}
          >
            Use this browser&apos;s zone ({browserZone})
          </button>
        ) : null}
      </div>
      {state?.ok ? (
        <p className="text-sm text-green-700" role="status" data-testid="time-zone-result">
          {state.message}
        </p>
      ) : null}
      <FormError result={state} />
    </form>
  );
}
