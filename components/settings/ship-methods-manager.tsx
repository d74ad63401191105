"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card } from "../ui/card";
import { Notice, type NoticeTone } from "../ui/notice";
import { button } from "../ui/styles";
import { CARRIERS, MappingForm, type SaveMappingAction } from "./mapping-form";

export type UnmappedRow = { cartLabel: string; heldOrders: number; merchants: string[]; heldSince: string | null; ordersHref: string };
export type MappingRow = { id: number; cartLabel: string; carrier: string; serviceCode: string; updated: string };

type Props = {
  /** The save action, passed by the page. */
  save: SaveMappingAction;
  unmapped: UnmappedRow[];
  mappings: MappingRow[];
  /** Only the warehouse's admins map ship methods; its members and merchant users read them (docs/roles.md). */
  canEdit: boolean;
  /** Why the page is read-only, when it is. */
  readOnly: string | null;
  /** `?label=` from an order page: that label's form is the one to fill in. */
  focusLabel: string | null;
};

const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

/** The Ship methods page's body: labels holding orders first, each with its form, then the mappings in force. */
export function ShipMethodsManager({ save, unmapped, mappings, canEdit, readOnly, focusLabel }: Props) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const saved = (result: { tone: NoticeTone; text: string }) => {
    setNotice(result);
    setEditing(null);
    router.refresh();
  };
  const known = new Set([...unmapped.map((u) => u.cartLabel), ...mappings.map((m) => m.cartLabel)]);
  const extra = focusLabel && !known.has(focusLabel) ? focusLabel : null;

  return (
    <div className="space-y-6">
      <datalist id="carriers">
        {CARRIERS.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
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

      <Card title={`Waiting for a mapping (${unmapped.length + (extra ? 1 : 0)})`}>
        {unmapped.length === 0 && !extra ? (
          <p className="text-sm text-slate-600">No orders are held for an unmapped ship method.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="unmapped-labels">
            {extra && canEdit ? (
              <li className="py-4 first:pt-0 last:pb-0" data-testid="unmapped-label">
                <p className="font-semibold text-slate-900">{extra}</p>
                <p className="mb-3 text-sm text-slate-600">No orders are held on this label right now.</p>
                <MappingForm save={save} cartLabel={extra} idPrefix="extra" submitLabel="Map it" autoFocus onSaved={saved} />
              </li>
            ) : null}
            {unmapped.map((u, n) => (
              <li
                key={u.cartLabel}
                className={`py-4 first:pt-0 last:pb-0 ${u.cartLabel === focusLabel ? "-mx-5 bg-indigo-50/60 px-5" : ""}`}
                data-testid="unmapped-label"
              >
                <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <h3 className="text-base font-semibold text-slate-900">{u.cartLabel}</h3>
                  <Link
                    href={u.ordersHref}
                    className="rounded text-sm font-semibold text-amber-800 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
                    data-testid="held-count"
                  >
                    {u.heldOrders} {u.heldOrders === 1 ? "order" : "orders"} held
                  </Link>
                  <span className="text-sm text-slate-500">
                    {u.merchants.join(", ")}
                    {u.heldSince ? ` · first held ${u.heldSince}` : ""}
                  </span>
                </div>
                {canEdit ? (
                  <MappingForm
                    save={save}
                    cartLabel={u.cartLabel}
                    idPrefix={`unmapped-${n}`}
                    submitLabel={`Map and release ${u.heldOrders} ${u.heldOrders === 1 ? "order" : "orders"}`}
                    autoFocus={u.cartLabel === focusLabel}
                    onSaved={saved}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={`Mappings (${mappings.length})`}>
        {mappings.length === 0 ? (
          <p className="text-sm text-slate-600">No ship methods are mapped yet.</p>
        ) : (
          <div className="-mx-5 -my-4 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="mappings">
              <thead className="bg-slate-50">
                <tr>
                  <th className={th}>Cart label</th>
                  <th className={th}>Carrier</th>
                  <th className={th}>Service code</th>
                  <th className={th}>Updated</th>
                  {canEdit ? (
                    <th className={th}>
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {mappings.map((m) =>
                  editing === m.id ? (
                    <tr key={m.id} className="bg-indigo-50/60">
                      <td className="px-4 py-3 align-top font-medium text-slate-900">{m.cartLabel}</td>
                      <td colSpan={4} className="px-4 py-3">
                        <MappingForm
                          save={save}
                          cartLabel={m.cartLabel}
                          carrier={m.carrier}
                          serviceCode={m.serviceCode}
                          idPrefix={`edit-${m.id}`}
                          submitLabel="Save"
                          autoFocus
                          onSaved={saved}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={m.id} data-testid="mapping-row" className={m.cartLabel === focusLabel ? "bg-indigo-50/60" : undefined}>
                      <td className="px-4 py-3 font-medium text-slate-900">{m.cartLabel}</td>
                      <td className="px-4 py-3 text-slate-800">{m.carrier}</td>
                      <td className="px-4 py-3 font-mono text-slate-700">{m.serviceCode}</td>
                      <td className="px-4 py-3 text-slate-500">{m.updated}</td>
                      {canEdit ? (
                        <td className="px-4 py-3 text-right">
                          <button
                            type="button"
                            className={button.small}
                            onClick={() => setEditing(m.id)}
                            aria-label={`Edit the mapping of '${m.cartLabel}'`}
                          >
                            Edit
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {canEdit ? (
        <Card title="Add a mapping">
          <p className="mb-3 text-sm text-slate-600">
            Map a label before the first order with it arrives, and no order is ever held for it.
          </p>
          <MappingForm save={save} idPrefix="new" submitLabel="Add mapping" onSaved={saved} />
        </Card>
      ) : null}
    </div>
  );
}
