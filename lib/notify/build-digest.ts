import { and, count, eq, inArray, isNull, lte, or, sql, sum } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, type AlertKind, type EmailFrequency } from "@/db/schema";
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import { formatAge, formatDateTime } from "../format/time";
import { FREQUENCY_LABELS } from "./alert-email-content";
import type { DigestEmail, DigestGroup } from "./email-models";
import { alertsUrl, fixUrl } from "./links";

/** Lines shown per group; the group's count says how many more there are. */
export const DIGEST_LINES_PER_GROUP = 5;
const MAX_MESSAGE = 160;

export type DigestWindow = { since: Date; now: Date; next: Date; frequency: EmailFrequency };

/**
 * A contact's digest: the open alerts of the merchants it hears about (not snoozed), grouped by kind and
 * merchant — counts first, then the newest lines of each group, new ones first. Null when there is nothing
 * to say: no alert new since the last digest, and for hourly digests nothing new at all (an hourly email that
 * only repeats what is still open would teach people to ignore it).
 */
export async function buildDigest(db: DbOrTx, merchantIds: number[], window: DigestWindow, appUrl: string): Promise<DigestEmail | null> {
  if (merchantIds.length === 0) return null;
  const { since, now } = window;
  const visible = and(
    inArray(alerts.accountId, merchantIds),
    eq(alerts.state, "open"),
    or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, now)),
  );
  const isNew = sql<number>`(${alerts.firstSeenAt} >= ${since.getTime()})`;
  const counts = await db
    .select({ kind: alerts.kind, accountId: alerts.accountId, needsPerson: alerts.needsPerson, merchantName: accounts.name, open: count(), fresh: sum(isNew).mapWith(Number) })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .where(visible)
    .groupBy(alerts.kind, alerts.accountId, alerts.needsPerson);
  const newCount = counts.reduce((n, g) => n + g.fresh, 0);
  const openCount = counts.reduce((n, g) => n + g.open, 0);
  const summaryOnly = window.frequency === "hourly" || window.frequency === "immediate";
  if (newCount === 0 && (summaryOnly || openCount === 0)) return null;

  const rank = sql<number>`row_number() over (partition by ${alerts.kind}, ${alerts.accountId}, ${alerts.needsPerson} order by ${isNew} desc, ${alerts.lastSeenAt} desc, ${alerts.id} desc)`;
  const ranked = db
    .select({
      id: sql<number>`${alerts.id}`.as("id"),
      kind: sql<AlertKind>`${alerts.kind}`.as("kind"),
      accountId: sql<number>`${alerts.accountId}`.as("account_id"),
      needsPerson: sql<number>`${alerts.needsPerson}`.as("needs_person"),
      orderId: sql<number | null>`${alerts.orderId}`.as("order_id"),
      message: sql<string>`${alerts.message}`.as("message"),
      orderNumber: sql<string | null>`${alerts.orderNumber}`.as("order_number"),
      productCode: sql<string | null>`${alerts.productCode}`.as("product_code"),
      firstSeenAt: sql<number>`${alerts.firstSeenAt}`.as("first_seen_at"),
      occurrences: sql<number>`${alerts.occurrences}`.as("occurrences"),
      connectionName: sql<string | null>`${connections.name}`.as("connection_name"),
      rank: rank.as("rank"),
    })
    .from(alerts)
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .where(visible)
    .as("ranked");
  const lines = await db.select().from(ranked).where(lte(ranked.rank, DIGEST_LINES_PER_GROUP)).orderBy(sql`rank`);

  const groups: DigestGroup[] = counts.map((g) => {
    const own = lines.filter((l) => l.kind === g.kind && l.accountId === g.accountId && Boolean(l.needsPerson) === g.needsPerson);
    return {
      kindLabel: ALERT_KIND_LABELS[g.kind],
      merchantName: g.merchantName,
      needsPerson: g.needsPerson,
      newCount: g.fresh,
      stillOpenCount: g.open - g.fresh,
      moreCount: Math.max(0, g.open - own.length),
      lines: own.map((l) => {
        const firstSeenAt = new Date(Number(l.firstSeenAt));
        const message = l.message.length > MAX_MESSAGE ? `${l.message.slice(0, MAX_MESSAGE - 1)}…` : l.message;
        const tries = Number(l.occurrences);
        return {
          url: fixUrl(appUrl, { id: Number(l.id), orderId: l.orderId == null ? null : Number(l.orderId), needsPerson: Boolean(l.needsPerson), kind: l.kind }),
          title: l.orderNumber ?? l.productCode ?? l.connectionName ?? ALERT_KIND_LABELS[l.kind],
          message,
          meta: `first seen ${formatAge(firstSeenAt, now)} · ${tries} ${tries === 1 ? "failure" : "failures"}`,
          isNew: firstSeenAt.getTime() >= since.getTime(),
        };
      }),
    };
  });
  groups.sort(
    (a, b) =>
      Number(b.needsPerson) - Number(a.needsPerson) ||
      b.newCount - a.newCount ||
      b.stillOpenCount - a.stillOpenCount ||
      a.kindLabel.localeCompare(b.kindLabel) ||
      a.merchantName.localeCompare(b.merchantName),
  );
  const frequencyLabel = FREQUENCY_LABELS[summaryOnly ? "hourly" : window.frequency];
  const next = formatDateTime(window.next);
  return {
    template: "digest",
    frequencyLabel,
    sinceLabel: formatDateTime(since),
    newCount,
    stillOpenCount: openCount - newCount,
    needsPersonCount: counts.filter((g) => g.needsPerson).reduce((n, g) => n + g.open, 0),
    groups,
    nextDigestLine: summaryOnly
      ? `Your next hourly digest comes at ${next} if a new alert comes in by then.`
      : `Your next ${frequencyLabel.toLowerCase()} comes on ${next}.`,
    alertsUrl: alertsUrl(appUrl),
  };
}
