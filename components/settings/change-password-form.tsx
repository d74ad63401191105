"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Field, FormError, input, primary } from "./contact-fields";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** Profile & Billing: a new password, after the current one. Success ends every session (the action signs out). */
export function ChangePasswordForm({ action: changePassword }: { action: Action }) {
  const [state, action, pending] = useActionState(changePassword, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Change your password">
      <Field label="Current password" error={fields.current}>
        <input name="current" type="password" autoComplete="current-password" className={input} aria-invalid={Boolean(fields.current)} />
      </Field>
      <Field label="New password" error={fields.next}>
        <input name="next" type="password" autoComplete="new-password" className={input} aria-invalid={Boolean(fields.next)} />
      </Field>
      <Field label="New password again" error={fields.confirm}>
        <input name="confirm" type="password" autoComplete="new-password" className={input} aria-invalid={Boolean(fields.confirm)} />
      </Field>
      <p className="text-xs text-slate-500">At least 12 characters. Changing it signs you out everywhere, this browser included.</p>
      <button type="submit" disabled={pending} className={primary}>
        {pending ? "Changing…" : "Change password"}
      </button>
      <FormError result={state} />
    </form>
  );
}
