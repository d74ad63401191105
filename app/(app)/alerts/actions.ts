"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AlertFilterInput } from "@/lib/alerts/alert-filter";
import { emptySummary, resendAlertOrders, retryAlerts, type BulkSummary } from "@/lib/alerts/bulk-alerts";
import { dismissAlerts, snoozeAlerts } from "@/lib/alerts/dismiss-alerts";
import { readerZone } from "@/lib/core/context";
import { CorrectRegionInput, correctRegionCode } from "@/lib/error-library/correct-region-code";
import { RenewCredentialInput, renewCredential } from "@/lib/error-library/renew-credential";
import { bulkTone, describeBulk, plural, type Tone } from "@/lib/format/attempt";
import { formatDateTime } from "@/lib/format/time";
import { zonedInstant } from "@/lib/ship-by/zoned-time";
import { alertIdsMatching } from "@/lib/alerts/list-alerts";
import { userAction } from "../../_lib/action";

/** The most alerts one "whole filtered set" action takes on; the page says so when a filter matches more. */
const BULK_CAP = 5_000;
const Ids = z.array(z.coerce.number().int().positive()).min(1, "Select at least one alert.").max(100);

export const matchingAlertIds = userAction(AlertFilterInput, async (filter, { db, scope, now }) => {
  const ids = await alertIdsMatching(db, scope, filter, now, BULK_CAP);
  return { ok: true, message: `${ids.length} alerts`, data: ids };
});

const BulkInput = z.object({
  action: z.enum(["retry", "dismiss", "resend"]),
  ids: Ids,
  reason: z.string().trim().max(500).optional(),
});

export const bulkAlertAction = userAction(BulkInput, async ({ action, ids, reason }, ctx) => {
  let summary: BulkSummary;
  if (action === "dismiss") {
    const { dismissed, busy } = await dismissAlerts(ctx, { ids, reason });
    summary = { ...emptySummary(), sent: dismissed, busy, notFound: ids.length - dismissed - busy };
  } else {
    summary = action === "retry" ? await retryAlerts(ctx, { ids }) : await resendAlertOrders(ctx, { ids });
  }
  revalidatePath("/alerts");
  return { ok: true, message: "done", data: summary };
});

export const retryAlertAction = userAction(z.object({ id: z.coerce.number().int().positive() }), async ({ id }, ctx) => {
  const summary = await retryAlerts(ctx, { ids: [id] });
  if (summary.notFound) return { ok: false, error: "Alert not found" };
  if (summary.busy) return { ok: false, error: "This record is being sent right now; try again in a minute." };
  if (summary.changed)
    return { ok: false, error: "This record was delivered or changed since this page was shown: nothing was sent. Reload to see it." };
  revalidatePath(`/alerts/${id}`);
  if (summary.sent) return { ok: true, message: "Sent and accepted. The alert is resolved." };
  if (summary.held) return { ok: true, message: "Still needs a fix: the receiving system refused it again." };
  return { ok: true, message: "Still failing; Fixline keeps retrying on its schedule." };
});

const DismissInput = z.object({ id: z.coerce.number().int().positive(), reason: z.string().trim().max(500).optional() });

export const dismissAlertAction = userAction(DismissInput, async ({ id, reason }, ctx) => {
  const { dismissed, busy } = await dismissAlerts(ctx, { ids: [id], reason });
  if (busy)
    return {
      ok: false,
      error:
        "Its record is being sent right now, and the answer may resolve it: nothing was changed. Reload in a minute and dismiss it then if it is still open.",
    };
  if (!dismissed) return { ok: false, error: "Alert not found, or it is no longer open." };
  revalidatePath(`/alerts/${id}`);
  return { ok: true, message: "Dismissed. Its record is no longer retried." };
});

const SnoozeInput = z.object({
  id: z.coerce.number().int().positive(),
  until: z.iso.date("Pick a date to snooze until."),
});

export const snoozeAlertAction = userAction(SnoozeInput, async ({ id, until }, ctx) => {
  // The start of that day where the person is (docs/rules.md#t3).
  const [year, month, day] = until.split("-").map(Number) as [number, number, number];
  const date = zonedInstant({ year, month, day }, 0, readerZone(ctx));
  if (date <= ctx.now) return { ok: false, error: "Pick a date after today.", fields: { until: "Pick a date after today." } };
  const snoozed = await snoozeAlerts(ctx, { ids: [id], until: date });
  if (!snoozed) return { ok: false, error: "Alert not found, or it is no longer open." };
  revalidatePath(`/alerts/${id}`);
  return { ok: true, message: `Snoozed until ${formatDateTime(date, readerZone(ctx))}. Retrying goes on meanwhile.` };
});

/** A region or country code the WMS refused, corrected on every order held on it; each is sent at once. */
export const correctRegionCodeAction = userAction(CorrectRegionInput, async (input, ctx) => {
  const result = await correctRegionCode(ctx, input);
  revalidatePath("/", "layout");
  const refused = result.refused.length
    ? ` ${plural(result.refused.length, "order")} left as ${result.refused.length === 1 ? "it is" : "they are"}: ${result.refused
        .slice(0, 3)
        .map((r) => `${r.orderNumber} (${r.message.replace(/\.$/, "")})`)
        .join("; ")}${result.refused.length > 3 ? "; …" : ""}.`
    : "";
  const sent = result.results.length ? `${describeBulk(result, "order")}.` : "No order was sent.";
  const message = `Corrected ${input.code} to ${input.replacement}: ${sent}${refused}`;
  const tone: Tone = result.refused.length && result.results.length === 0 ? "error" : result.refused.length ? "warning" : bulkTone(result);
  return { ok: true, message, data: { tone } };
});

/** A new credential for a connection that refuses its credential, and a probe at once that sends its backlog. */
export const renewCredentialAction = userAction(RenewCredentialInput, async (input, ctx) => {
  const { waiting, run, stillDown } = await renewCredential(ctx, input);
  revalidatePath("/", "layout");
  // Nothing waiting means nothing to probe with: the new credential is untried, not refused.
  if (stillDown && !run.probed)
    return {
      ok: true,
      message: `Saved. No record is waiting to be sent, so the new credential could not be tried yet: the connection's next record is sent as its probe, and the outage resolves when it is accepted.`,
      data: { tone: "warning" as Tone },
    };
  if (stillDown)
    return {
      ok: true,
      message: `Saved, but the connection still refuses it: the probe failed. Check the credential with the system's admin; ${plural(waiting, "record")} still wait.`,
      data: { tone: "error" as Tone },
    };
  return {
    ok: true,
    message: `Credential renewed; the connection is up. ${plural(run.succeeded, "record")} sent, ${run.failed} still failing, ${run.held} held, of ${waiting} waiting${run.attempted < waiting ? "; the rest go at the next sync" : ""}.`,
    data: { tone: (run.failed || run.held ? "warning" : "success") as Tone },
  };
});
