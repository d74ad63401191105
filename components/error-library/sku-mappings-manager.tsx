"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/lib/action-result";
import { Card } from "../ui/card";
import { Notice, type NoticeTone } from "../ui/notice";
import { button, input, label } from "../ui/styles";

type Result = { tone: NoticeTone };
export type SkuMappingActions = {
  save: ServerAction<{ cartSku: string; wmsSku: string }, Result>;
  retry: ServerAction<{ sku: string }, Result>;
};
type HeldSku = { sku: string; orders: number; merchants: string[]; since: string };
type Mapping = { id: number; cartSku: string; wmsSku: string; updated: string };

type Props = {
  actions: SkuMappingActions;
  held: HeldSku[];
  mappings: Mapping[];
  canEdit: boolean;
  readOnly: string | null;
  focusSku: string | null;
};

const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

/** The SKU mappings page's body: SKUs holding orders first, each with its one fix, then the mappings in force. */
export function SkuMappingsManager({ actions, held, mappings, canEdit, readOnly, focusSku }: Props) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [working, setWorking] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  function run<I>(what: string, action: ServerAction<I, Result>, payload: I) {
    setWorking(what);
    setNotice(null);
    startTransition(async () => {
      const result = await action(payload);
      setWorking(null);
      if (!result.ok) {
        setErrors(result.fields ?? {});
        setNotice({ tone: "error", text: result.error });
        return;
      }
      setErrors({});
      setNotice({ tone: result.data?.tone ?? "success", text: result.message ?? "Saved." });
      router.refresh();
    });
  }

  const form = (cartSku: string | null, id: string, submit: string) => (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        run(`map:${id}`, actions.save, { cartSku: String(data.get("cartSku") ?? ""), wmsSku: String(data.get("wmsSku") ?? "") });
      }}
    >
      <div>
        <label className={label} htmlFor={`${id}-cart`}>
          Cart SKU
        </label>
        <input
          id={`${id}-cart`}
          name="cartSku"
          defaultValue={cartSku ?? ""}
          readOnly={cartSku !== null}
          className={input(Boolean(errors.cartSku))}
          aria-invalid={Boolean(errors.cartSku)}
        />
      </div>
      <div>
        <label className={label} htmlFor={`${id}-wms`}>
          WMS SKU
        </label>
        <input
          id={`${id}-wms`}
          name="wmsSku"
          className={input(Boolean(errors.wmsSku))}
          aria-invalid={Boolean(errors.wmsSku)}
          autoFocus={cartSku !== null && cartSku === focusSku}
        />
      </div>
      <button type="submit" className={button.primary} disabled={pending}>
        {working === `map:${id}` ? "Mapping and sending…" : submit}
      </button>
    </form>
  );

  return (
    <div className="space-y-6">
      {working ? (
        <Notice tone="info" testId="release-progress">
          Sending the held orders one by one; each is claimed first, so none goes out twice…
        </Notice>
      ) : null}
      {notice ? (
        <Notice tone={notice.tone} testId="mapping-result">
          {notice.text}
        </Notice>
      ) : null}
      {!canEdit && readOnly ? (
        <Notice tone="info" testId="read-only">
          {readOnly}
        </Notice>
      ) : null}
      <Card title={`SKUs the WMS does not know (${held.length})`}>
        {held.length === 0 ? (
          <p className="text-sm text-slate-600">No orders are held on a SKU the WMS does not know.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="held-skus">
            {held.map((h, n) => (
              <li
                key={h.sku}
                className={`py-4 first:pt-0 last:pb-0 ${h.sku === focusSku ? "-mx-5 bg-indigo-50/60 px-5" : ""}`}
                data-testid="held-sku"
              >
                <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <h3 className="font-mono text-base font-semibold text-slate-900">{h.sku}</h3>
                  <span className="text-sm font-semibold text-amber-800" data-testid="held-count">
                    {h.orders} {h.orders === 1 ? "order" : "orders"} held
                  </span>
                  <span className="text-sm text-slate-500">
                    {h.merchants.join(", ")} · first held {h.since}
                  </span>
                </div>
                {canEdit ? (
                  <div className="space-y-3">
                    {form(h.sku, `held-${n}`, `Map and release ${h.orders} ${h.orders === 1 ? "order" : "orders"}`)}
                    <button
                      type="button"
                      className={button.secondary}
                      disabled={pending}
                      onClick={() => run(`retry:${h.sku}`, actions.retry, { sku: h.sku })}
                    >
                      {working === `retry:${h.sku}` ? "Retrying…" : `I've added it in the WMS — retry these ${h.orders}`}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={`Mappings (${mappings.length})`}>
        {canEdit ? <div className="mb-4">{form(null, "new", "Add mapping")}</div> : null}
        {mappings.length === 0 ? (
          <p className="text-sm text-slate-600">No SKUs are mapped yet: orders go to the WMS with the cart&apos;s SKUs.</p>
        ) : (
          <div className="-mx-5 -mb-4 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="sku-mappings">
              <thead className="bg-slate-50">
                <tr>
                  <th className={th}>Cart SKU</th>
                  <th className={th}>WMS SKU</th>
                  <th className={th}>Updated</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {mappings.map((m) => (
                  <tr key={m.id} data-testid="sku-mapping-row">
                    <td className="px-4 py-3 font-mono text-slate-900">{m.cartSku}</td>
                    <td className="px-4 py-3 font-mono text-slate-800">{m.wmsSku}</td>
                    <td className="px-4 py-3 text-slate-600">{m.updated}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
