"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ServerAction } from "@/lib/action-result";
import { addChanged, type BulkData } from "@/lib/format/attempt";
import type { OrderFilter } from "@/lib/orders/order-filter";

type ChosenOrder = { id: number; version: number };

/** The server actions a bulk Resend runs on (app/(app)/orders/actions.ts), passed down from the page. */
export type BulkResendActions = {
  findIds: ServerAction<OrderFilter, { orders: ChosenOrder[]; truncated: boolean }>;
  resendMany: ServerAction<{ orders: ChosenOrder[] }, BulkData>;
};

/** Orders per server call: small enough that the progress moves, large enough not to be chatty. */
export const CHUNK_SIZE = 25;

export type Totals = Pick<BulkData, "sent" | "failing" | "held" | "notFound" | "busy" | "changed">;
export type BulkRun =
  | { phase: "idle" }
  | { phase: "resolving" }
  | { phase: "sending"; done: number; total: number }
  | { phase: "done"; total: number; totals: Totals }
  | { phase: "stopped"; done: number; total: number; totals: Totals; error: string };

const ZERO: Totals = { sent: 0, failing: 0, held: 0, notFound: 0, busy: 0, changed: {} };
const add = (a: Totals, b: Totals): Totals => ({
  sent: a.sent + b.sent,
  failing: a.failing + b.failing,
  held: a.held + b.held,
  notFound: a.notFound + b.notFound,
  busy: a.busy + b.busy,
  changed: addChanged(a.changed, b.changed),
});

/**
 * Bulk "Resend to WMS": resolves the whole filtered set on the server when asked to, then sends the ids in
 * chunks so the page can show how far it got, and refreshes the list when done. A failed call stops the run
 * and says where; what was sent stays sent.
 */
export function useBulkResend(filter: OrderFilter, actions: BulkResendActions) {
  const router = useRouter();
  const [run, setRun] = useState<BulkRun>({ phase: "idle" });

  async function start(selection: { orders: ChosenOrder[] } | { wholeSet: true }) {
    let ids: ChosenOrder[];
    let totals = ZERO;
    let done = 0;
    try {
      if ("wholeSet" in selection) {
        setRun({ phase: "resolving" });
        const found = await actions.findIds(filter);
        if (!found.ok) return setRun({ phase: "stopped", done: 0, total: 0, totals, error: found.error });
        ids = found.data!.orders;
      } else {
        ids = selection.orders;
      }
      for (; done < ids.length; done += CHUNK_SIZE) {
        setRun({ phase: "sending", done, total: ids.length });
        const answer = await actions.resendMany({ orders: ids.slice(done, done + CHUNK_SIZE) });
        if (!answer.ok) return setRun({ phase: "stopped", done, total: ids.length, totals, error: answer.error });
        totals = add(totals, answer.data!);
      }
      setRun({ phase: "done", total: ids.length, totals });
    } catch {
      setRun({
        phase: "stopped",
        done,
        total: done,
        totals,
        error: "Lost the connection to Fixline. What was sent stays sent; reload the page to see where things are.",
      });
    } finally {
      router.refresh();
    }
  }

  const busy = run.phase === "resolving" || run.phase === "sending";
  return { run, busy, start, dismiss: () => setRun({ phase: "idle" }) };
}
