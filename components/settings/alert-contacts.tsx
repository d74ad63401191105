"use client";

import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { EmailFrequency } from "@/db/schema";
import { Badge } from "../ui/badge";
import {
  ChoiceFields,
  choicesSummary,
  DEFAULT_CHOICES,
  Field,
  FormError,
  FREQUENCY_OPTIONS,
  FrequencySelect,
  input,
  primary,
  secondary,
  type ContactChoices,
} from "./contact-fields";

export type ContactRow = {
  id: number;
  name: string | null;
  email: string;
  frequency: EmailFrequency;
  accountName: string;
  /** "Next digest 27 Nov 2026, 08:00 UTC", "No emails", … */
  schedule: string;
  /** Whether the user is an admin who may change it (docs/roles.md); a member reads it. */
  canEdit: boolean;
  choices: ContactChoices;
};
export type ContactAccount = { id: number; name: string; kind: string };
type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
export type ContactActions = { add: Action; update: Action; remove: Action };

/**
 * The account's alert contacts: add, edit in place, remove after a confirmation. `accounts` are the ones the
 * user manages; with none, the list is read-only and there is no form.
 */
export function AlertContacts({
  contacts,
  accounts,
  actions,
}: {
  contacts: ContactRow[];
  accounts: ContactAccount[];
  actions: ContactActions;
}) {
  return (
    <div className="space-y-6">
      {contacts.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
          No alert contacts yet{accounts.length ? ": add the first below" : ""}.
        </p>
      ) : (
        <table className="min-w-full text-sm" data-testid="alert-contacts">
          <thead className="text-left text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="py-2 pr-3">Contact</th>
              <th className="py-2 pr-3">Account</th>
              <th className="py-2 pr-3">Emails</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {contacts.map((c) => (
              <ContactRowView key={c.id} contact={c} actions={actions} />
            ))}
          </tbody>
        </table>
      )}
      {accounts.length ? <AddContactForm accounts={accounts} add={actions.add} /> : null}
    </div>
  );
}

function ContactRowView({ contact, actions }: { contact: ContactRow; actions: ContactActions }) {
  const [mode, setMode] = useState<"view" | "edit" | "remove">("view");
  if (mode === "edit") return <EditContactRow contact={contact} update={actions.update} done={() => setMode("view")} />;
  return (
    <tr data-testid="alert-contact" data-email={contact.email}>
      <td className="py-2.5 pr-3 align-top">
        <span className="block font-medium text-slate-900">{contact.name ?? contact.email}</span>
        {contact.name ? <span className="block text-xs text-slate-500">{contact.email}</span> : null}
      </td>
      <td className="py-2.5 pr-3 align-top text-slate-700">{contact.accountName}</td>
      <td className="py-2.5 pr-3 align-top">
        <Badge tone={contact.frequency === "off" ? "gray" : "indigo"}>{FREQUENCY_OPTIONS[contact.frequency].replace(/ \(.*\)$/, "")}</Badge>
        <span className="mt-1 block text-xs text-slate-500" data-testid="contact-schedule">
          {contact.schedule}
        </span>
        <span className="mt-0.5 block text-xs text-slate-500" data-testid="contact-choices">
          {choicesSummary(contact.choices)}
        </span>
      </td>
      <td className="py-2.5 text-right align-top">
        {!contact.canEdit ? null : mode === "remove" ? (
          <RemoveContact contact={contact} remove={actions.remove} cancel={() => setMode("view")} />
        ) : (
          <span className="inline-flex gap-3">
            <button
              type="button"
              onClick={() => setMode("edit")}
              className="text-sm font-medium text-indigo-600 hover:underline"
              aria-label={`Edit ${contact.email}`}
            >
              Edit
            </button>
            <button
              type="button"
              onClick={() => setMode("remove")}
              className="text-sm font-medium text-red-600 hover:underline"
              aria-label={`Remove ${contact.email}`}
            >
              Remove
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

function EditContactRow({ contact, update, done }: { contact: ContactRow; update: Action; done: () => void }) {
  const [state, action, pending] = useActionState(update, null);
  useEffect(() => {
    if (state?.ok) done();
  }, [state, done]);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <tr data-testid="alert-contact-edit" className="bg-slate-50">
      <td colSpan={4} className="px-2 py-3">
        <form action={action} className="grid gap-3 sm:grid-cols-[1fr_1.3fr_1fr_auto] sm:items-start" noValidate>
          <input type="hidden" name="id" value={contact.id} />
          <Field label="Name" error={fields.name}>
            <input name="name" defaultValue={contact.name ?? ""} className={input} aria-invalid={Boolean(fields.name)} />
          </Field>
          <Field label="Email" error={fields.email}>
            <input name="email" type="email" defaultValue={contact.email} required className={input} aria-invalid={Boolean(fields.email)} />
          </Field>
          <Field label="How often" error={fields.frequency}>
            <FrequencySelect defaultValue={contact.frequency} />
          </Field>
          <ChoiceFields choices={contact.choices} fields={fields} />
          <div className="flex gap-2 sm:pt-5">
            <button type="submit" disabled={pending} className={primary}>
              {pending ? "Saving…" : "Save"}
            </button>
            <button type="button" onClick={done} className={secondary}>
              Cancel
            </button>
          </div>
          <FormError result={state} />
        </form>
      </td>
    </tr>
  );
}

function RemoveContact({ contact, remove, cancel }: { contact: ContactRow; remove: Action; cancel: () => void }) {
  const [state, action, pending] = useActionState(remove, null);
  return (
    <form action={action} className="inline-flex flex-wrap items-center justify-end gap-2" data-testid="confirm-remove">
      <input type="hidden" name="id" value={contact.id} />
      <span className="text-xs text-slate-600">Stop all emails to {contact.email}?</span>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-red-600 px-2.5 py-1 text-xs font-semibold text-white hover:bg-red-500 disabled:opacity-60"
      >
        {pending ? "Removing…" : "Yes, remove"}
      </button>
      <button
        type="button"
        onClick={cancel}
        className="rounded-md px-2.5 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
      >
        Keep
      </button>
      <FormError result={state} />
    </form>
  );
}

function AddContactForm({ accounts, add }: { accounts: ContactAccount[]; add: Action }) {
  // A fresh form after each contact added; the inputs keep what was typed when something is wrong.
  const [formKey, setFormKey] = useState(0);
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(async (previous, form) => {
    const result = await add(previous, form);
    if (result?.ok) setFormKey((k) => k + 1);
    return result;
  }, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form
      key={formKey}
      action={action}
      className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      noValidate
      aria-label="Add an alert contact"
    >
      <h3 className="text-sm font-semibold text-slate-900">Add a contact</h3>
      <p className="mt-0.5 text-xs text-slate-500">Contacts need no login: any address that should hear about alerts.</p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <Field label="Name" error={fields.name}>
          <input name="name" placeholder="Night shift lead" className={input} aria-invalid={Boolean(fields.name)} />
        </Field>
        <Field label="Email" error={fields.email}>
          <input name="email" type="email" required placeholder="ops@example.com" className={input} aria-invalid={Boolean(fields.email)} />
        </Field>
        <Field label="How often" error={fields.frequency}>
          <FrequencySelect defaultValue="daily" />
        </Field>
        {accounts.length > 1 ? (
          <Field label="Account" error={fields.accountId}>
            <select name="accountId" defaultValue={accounts[0]?.id} className={input}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.kind})
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <input type="hidden" name="accountId" value={accounts[0]?.id ?? ""} />
        )}
        <ChoiceFields choices={DEFAULT_CHOICES} fields={fields} />
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={pending} className={primary}>
          {pending ? "Adding…" : "Add contact"}
        </button>
        {state?.ok ? (
          <p role="status" className="text-sm text-emerald-700">
            {state.message}
          </p>
        ) : null}
      </div>
      <FormError result={state} />
    </form>
  );
}
