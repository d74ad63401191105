import type { Metadata } from "next";
import { CutoffSettingsForm } from "@/components/settings/cutoff-settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/lib/format/time";
import { DEFAULT_LEAD_MINUTES, shipByFromCutoffs } from "@/lib/ship-by/cutoff-rules";
import { loadCutoffRules } from "@/lib/ship-by/load-cutoff-rules";
import { listShipMethodMappings } from "@/lib/settings/list-settings";
import { adminOnlyMessage, canManage } from "@/lib/tenancy/roles";
import { getCurrentUser } from "../../../_lib/current-scope";
import { saveCutoffSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Ship-by cutoffs" };

const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];

export default async function ShipByPage() {
  const { scope, timeZone } = await getCurrentUser();
  const db = getDb();
  const warehouseId = scope.warehouseIds[0];
  const [rules, mappings] = await Promise.all([
    warehouseId === undefined ? null : loadCutoffRules(db, warehouseId),
    listShipMethodMappings(db, scope),
  ]);
  const own = scope.memberships.find((m) => m.kind === "warehouse" && m.accountId === warehouseId);
  const canEdit = warehouseId !== undefined && own !== undefined && canManage(scope, warehouseId);
  const readOnly = canEdit
    ? null
    : own
      ? adminOnlyMessage(own.name)
      : "The warehouse that ships your orders sets its cutoffs. You can see them here.";
  const now = new Date();
  const example = rules ? shipByFromCutoffs(rules, now, null) : null;
  return (
    <>
      <PageHeader
        title="Ship-by cutoffs"
        description="When an order must leave the warehouse. An order placed before its ship method's cutoff on a business day ships that day; later, or on a day off, the next business day. The Alerts tab ranks order alerts by it, and an order close to it is emailed at once to immediate contacts."
      />
      <p className="mb-4 text-sm text-slate-700" data-testid="ship-by-example">
        {rules && example
          ? `An order placed now (${formatDateTime(now, rules.timeZone)}) with the default cutoff must leave by ${formatDateTime(example, rules.timeZone)}. Last changed ${formatDateTime(rules.updatedAt, timeZone)}.`
          : "No cutoff rules yet: orders have a ship-by only when their cart sends one."}
      </p>
      <CutoffSettingsForm
        save={saveCutoffSettingsAction}
        readOnly={readOnly}
        timeZones={TIME_ZONES}
        labels={mappings.map((m) => m.cartLabel)}
        initial={{
          timeZone: rules?.timeZone ?? "UTC",
          defaultCutoff: rules?.defaultCutoff ?? "14:00",
          methodCutoffs: Object.entries(rules?.methodCutoffs ?? {})
            .map(([label, time]) => `${label} = ${time}`)
            .join("\n"),
          weekdaysOff: rules?.weekdaysOff ?? [0, 6],
          holidays: (rules?.holidays ?? []).join("\n"),
          leadMinutes: rules?.leadMinutes ?? DEFAULT_LEAD_MINUTES,
        }}
      />
    </>
  );
}
