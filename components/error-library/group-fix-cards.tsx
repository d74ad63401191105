"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/lib/action-result";
import { Notice, type NoticeTone } from "../ui/notice";
import { input, label } from "../ui/styles";

type Result = { tone: NoticeTone };
export type GroupFixActions = {
  correctRegion: ServerAction<{ code: string; replacement: string }, Result>;
  renewCredential: ServerAction<{ connectionId: number; credential: string }, Result>;
};
export type RegionCard = { code: string; orders: number; merchants: string };
export type CredentialCard = {
  connectionId: number;
  connectionName: string;
  merchantName: string;
  waiting: number;
  since: string;
  message: string;
};

const card = "rounded-xl bg-amber-50 px-4 py-3 ring-1 ring-amber-200";
const act =
  "shrink-0 rounded-md bg-amber-700 px-3 py-2 text-sm font-semibold text-white hover:bg-amber-600 disabled:cursor-not-allowed disabled:opacity-60 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-600 focus-visible:ring-offset-2";

/**
 * The cards' one runner: runs a card's action, shows "working" on that card while it does, then the summary of
 * what it released above the cards — kept after the refresh, when the fixed group's card is gone.
 */
function useGroupFix() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [working, setWorking] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const [errors, setErrors] = useState<{ key: string; fields: Record<string, string> } | null>(null);
  function run<I>(key: string, action: ServerAction<I, Result>, payload: I) {
    setNotice(null);
    setWorking(key);
    startTransition(async () => {
      const result = await action(payload);
      setWorking(null);
      if (!result.ok) {
        setErrors({ key, fields: result.fields ?? {} });
        if (!result.fields || Object.keys(result.fields).length === 0) setNotice({ tone: "error", text: result.error });
        return;
      }
      setErrors(null);
      setNotice({ tone: result.data?.tone ?? "success", text: result.message ?? "Done." });
      router.refresh();
    });
  }
  const forCard = (key: string): CardState => ({
    busy: pending && working === key,
    errors: errors?.key === key ? errors.fields : {},
    run: (action, payload) => run(key, action, payload),
  });
  return { notice, forCard };
}

type CardState = {
  busy: boolean;
  errors: Record<string, string>;
  run: <I>(action: ServerAction<I, Result>, payload: I) => void;
};

/** Orders held on a ship-to code the WMS does not know: one correction for all of them, each sent at once. */
function RegionFix({ group, action, state }: { group: RegionCard; action: GroupFixActions["correctRegion"]; state: CardState }) {
  const { busy: pending, errors, run } = state;
  const id = `region-${group.code}`;
  return (
    <li className={card} data-testid="region-group" data-code={group.code}>
      <p className="text-sm font-semibold text-amber-900">
        Ship-to code “{group.code}” is not one the WMS knows — {group.orders} {group.orders === 1 ? "order" : "orders"} held
      </p>
      <p className="mt-0.5 text-xs text-amber-800">
        {group.merchants} · one correction fixes the address on every one of them and sends it
      </p>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const replacement = String(new FormData(e.currentTarget).get("replacement") ?? "");
          run(action, { code: group.code, replacement });
        }}
      >
        <div className="w-40">
          <label className={label} htmlFor={id}>
            Correct code
          </label>
          <input
            id={id}
            name="replacement"
            maxLength={3}
            placeholder="e.g. TX"
            autoComplete="off"
            className={input(Boolean(errors.replacement))}
            aria-invalid={Boolean(errors.replacement)}
            aria-describedby={errors.replacement ? `${id}-error` : undefined}
          />
        </div>
        <button type="submit" className={act} disabled={pending}>
          {pending ? `Correcting ${group.orders}…` : `Correct and send ${group.orders === 1 ? "it" : `these ${group.orders}`}`}
        </button>
      </form>
      {errors.replacement ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.replacement}
        </p>
      ) : null}
    </li>
  );
}

/** A connection that refuses its credential: pasting the new one probes at once and sends everything it held back. */
function CredentialFix({ group, action, state }: { group: CredentialCard; action: GroupFixActions["renewCredential"]; state: CardState }) {
  const { busy: pending, errors, run } = state;
  const id = `credential-${group.connectionId}`;
  return (
    <li className={card} data-testid="credential-group" data-connection-id={group.connectionId}>
      <p className="text-sm font-semibold text-amber-900">
        {group.connectionName} refuses its credential —{" "}
        {group.waiting === 0 ? "no record waits yet" : `${group.waiting} ${group.waiting === 1 ? "record waits" : "records wait"}`}
      </p>
      <p className="mt-0.5 text-xs text-amber-800">
        {group.merchantName} · since {group.since} ·{" "}
        {group.waiting === 0 ? "the next record tries a new credential" : "a new credential sends them all"}
      </p>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const credential = String(new FormData(e.currentTarget).get("credential") ?? "");
          run(action, { connectionId: group.connectionId, credential });
        }}
      >
        <div className="min-w-56 flex-1">
          <label className={label} htmlFor={id}>
            New credential
          </label>
          <input
            id={id}
            name="credential"
            type="password"
            autoComplete="off"
            className={input(Boolean(errors.credential))}
            aria-invalid={Boolean(errors.credential)}
            aria-describedby={errors.credential ? `${id}-error` : undefined}
          />
        </div>
        <button type="submit" className={act} disabled={pending}>
          {pending ? "Renewing and sending…" : "Renew and send the backlog"}
        </button>
      </form>
      {errors.credential ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.credential}
        </p>
      ) : null}
      <p className="mt-2 truncate text-xs text-slate-500" title={group.message}>
        For support: {group.message}
      </p>
    </li>
  );
}

/**
 * Alerts that share a diagnosis and its subject — a region code, a refused credential — as one card each, with the
 * one fix that releases every record waiting on it (docs/error-library.md#group-fixes). Who may not make the fix
 * (a credential belongs to its account's admins) gets the refusal inline, from the core.
 */
export function GroupFixCards({
  regions,
  credentials,
  actions,
}: {
  regions: RegionCard[];
  credentials: CredentialCard[];
  actions: GroupFixActions;
}) {
  const { notice, forCard } = useGroupFix();
  if (regions.length === 0 && credentials.length === 0 && !notice) return null;
  return (
    <>
      {notice ? (
        <Notice tone={notice.tone} className="mb-4" testId="group-fix-notice">
          {notice.text}
        </Notice>
      ) : null}
      {regions.length || credentials.length ? (
        <ul className="mb-6 grid gap-3 md:grid-cols-2" aria-label="Records waiting on one fix">
          {credentials.map((g) => (
            <CredentialFix key={`c${g.connectionId}`} group={g} action={actions.renewCredential} state={forCard(`c${g.connectionId}`)} />
          ))}
          {regions.map((g) => (
            <RegionFix key={`r${g.code}`} group={g} action={actions.correctRegion} state={forCard(`r${g.code}`)} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
