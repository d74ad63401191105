import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alerts, connections, type AlertKind, type ConnectionKind, type EmailFrequency } from "@/db/schema";
import type { RuleInForce } from "../error-library/diagnose";
import { explainAlert, rulesOfWarehouses } from "../error-library/explain-alert";
import { ALERT_KIND_LABELS } from "../alerts/kinds";
import { formatAge, formatDateTime } from "../format/time";
import { FREQUENCY_LABELS } from "./alert-email-content";
import type { DigestEmail, DigestGroup } from "./email-models";
import { alertsUrl, fixUrl } from "./links";

/** Lines shown per group; the group's count says how many more there are. */
export const DIGEST_LINES_PER_GROUP = 5;
const MAX_MESSAGE = 160;

/**
 * `since`: the last digest; `until`: what this digest covers up to — alerts first seen later are left for the
 * next one (so a run that starts late does not tell them as new twice), and the contact's last digest becomes
 * `until` (docs/emails.md, "Digests").
 */
export type DigestWindow = {
  since: Date;
  until: Date;
  now: Date;
  next: Date;
  frequency: EmailFrequency;
  /** The reader's zone for every time the digest shows (default UTC). */
  timeZone?: string;
  /** The alert kinds the contact receives; null or absent: every kind. */
  kinds?: AlertKind[] | null;
};

/** A group's counts: one kind of alert of one merchant, needing a person or not. */
type GroupCount = { kind: AlertKind; accountId: number; needsPerson: boolean; merchantName: string; open: number; fresh: number };
type GroupLine = {
  id: number;
  kind: AlertKind;
  orderId: number | null;
  message: string;
  errorCode: string | null;
  httpStatus: number | null;
  orderNumber: string | null;
  productCode: string | null;
  firstSeenAt: number;
  occurrences: number;
  connectionName: string | null;
  connectionPlatform: string | null;
  connectionKind: ConnectionKind | null;
  /** The library's plain words and fix, with the rules of the merchant's warehouse first, read once per line. */
  explained?: string;
};

type LineFacts = Omit<GroupLine, "explained" | "id" | "firstSeenAt" | "occurrences" | "orderNumber" | "connectionName">;

/** The lead of a digest line: as on the app's pages, the warehouse's rules over the built-in entries (docs/error-library.md#rules). */
function explainedLead(l: LineFacts, rules: readonly RuleInForce[] = []): string {
  const e = explainAlert({ ...l, deliveryKind: null }, rules);
  return `${e.headline}. ${e.action.label}`;
}
/** What a merchant contributes to a digest: its groups, each with its newest lines. */
export type MerchantDigestGroups = { count: GroupCount; lines: GroupLine[] }[];

/** Merchants per query: far under SQLite's limit on bound parameters. */
const MERCHANTS_PER_QUERY = 500;

/**
 * The digest groups of many merchants at once, for contacts that share `since`: one query per 500 merchants
 * instead of two per contact. Groups are per merchant, so a contact's digest is the union of its merchants'.
 */
export async function loadDigestGroups(
  db: DbOrTx,
  merchantIds: number[],
  { since, until, now }: Pick<DigestWindow, "since" | "until" | "now">,
): Promise<Map<number, MerchantDigestGroups>> {
  const byMerchant = new Map<number, MerchantDigestGroups>();
  const ids = [...new Set(merchantIds)];
  for (let i = 0; i < ids.length; i += MERCHANTS_PER_QUERY) {
    const groupOf = new Map<string, MerchantDigestGroups[number]>();
    const lines = await queryGroupLines(db, ids.slice(i, i + MERCHANTS_PER_QUERY), since, until, now);
    // The rules of the warehouses serving these merchants: one read per chunk, none when no warehouse has any.
    const rules = await rulesOfWarehouses(db, [...new Set(lines.flatMap((l) => (l.warehouseId == null ? [] : [Number(l.warehouseId)])))]);
    const rulesOf = (warehouseId: number | null) => (warehouseId == null ? [] : rules.filter((r) => r.warehouseId === Number(warehouseId)));
    for (const l of lines) {
      const accountId = Number(l.accountId);
      const needsPerson = Boolean(l.needsPerson);
      const key = groupKey(l.kind, accountId, needsPerson);
      let group = groupOf.get(key);
      if (!group) {
        const count = { kind: l.kind, accountId, needsPerson, merchantName: l.merchantName, open: Number(l.open), fresh: Number(l.fresh) };
        group = { count, lines: [] };
        groupOf.set(key, group);
        const groups = byMerchant.get(accountId);
        if (groups) groups.push(group);
        else byMerchant.set(accountId, [group]);
      }
      group.lines.push({
        id: Number(l.id),
        kind: l.kind,
        orderId: l.orderId == null ? null : Number(l.orderId),
        message: l.message,
        errorCode: l.errorCode,
        httpStatus: l.httpStatus == null ? null : Number(l.httpStatus),
        orderNumber: l.orderNumber,
        productCode: l.productCode,
        firstSeenAt: Number(l.firstSeenAt),
        occurrences: Number(l.occurrences),
        connectionName: l.connectionName,
        connectionPlatform: l.connectionPlatform,
        connectionKind: l.connectionKind,
        explained: explainedLead(l, rulesOf(l.warehouseId)),
      });
    }
  }
  return byMerchant;
}

const groupKey = (kind: string, accountId: number, needsPerson: boolean) => `${kind}|${accountId}|${needsPerson ? 1 : 0}`;

/**
 * The newest lines of each group, each carrying its group's counts (window functions over the group). One
 * query driven by the merchants' own alerts: a separate GROUP BY query was planned as a scan of every open
 * alert through the state index, once per step — 0.5 s a step with 200,000 open alerts.
 */
async function queryGroupLines(db: DbOrTx, merchantIds: number[], since: Date, until: Date, now: Date) {
  const visible = and(
    inArray(alerts.accountId, merchantIds),
    eq(alerts.state, "open"),
    or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, now)),
  );
  // Alerts first seen after `until` are the next digest's. They are counted out inside the window functions and
  // dropped by the outer query: the same term in the inner WHERE made each step's query 3× slower (measured on
  // bench:digests' 200,000 alerts: 100 ms → 330 ms a step).
  const covered = sql<number>`(${alerts.firstSeenAt} <= ${until.getTime()})`;
  const isNew = sql<number>`(${alerts.firstSeenAt} >= ${since.getTime()} and ${alerts.firstSeenAt} <= ${until.getTime()})`;
  const group = sql`partition by ${alerts.kind}, ${alerts.accountId}, ${alerts.needsPerson}`;
  const ranked = db
    .select({
      id: sql<number>`${alerts.id}`.as("id"),
      kind: sql<AlertKind>`${alerts.kind}`.as("kind"),
      accountId: sql<number>`${alerts.accountId}`.as("account_id"),
      needsPerson: sql<number>`${alerts.needsPerson}`.as("needs_person"),
      orderId: sql<number | null>`${alerts.orderId}`.as("order_id"),
      message: sql<string>`${alerts.message}`.as("message"),
      errorCode: sql<string | null>`${alerts.errorCode}`.as("error_code"),
      httpStatus: sql<number | null>`${alerts.httpStatus}`.as("http_status"),
      connectionPlatform: sql<string | null>`${connections.platform}`.as("connection_platform"),
      connectionKind: sql<ConnectionKind | null>`${connections.kind}`.as("connection_kind"),
      orderNumber: sql<string | null>`${alerts.orderNumber}`.as("order_number"),
      productCode: sql<string | null>`${alerts.productCode}`.as("product_code"),
      firstSeenAt: sql<number>`${alerts.firstSeenAt}`.as("first_seen_at"),
      occurrences: sql<number>`${alerts.occurrences}`.as("occurrences"),
      connectionName: sql<string | null>`${connections.name}`.as("connection_name"),
      merchantName: sql<string>`${accounts.name}`.as("merchant_name"),
      warehouseId: sql<number | null>`${accounts.warehouseId}`.as("warehouse_id"),
      covered: sql<number>`${covered}`.as("covered"),
      open: sql<number>`sum(${covered}) over (${group})`.as("open"),
      fresh: sql<number>`sum(${isNew}) over (${group})`.as("fresh"),
      rank: sql<number>`row_number() over (${group} order by ${covered} desc, ${isNew} desc, ${alerts.lastSeenAt} desc, ${alerts.id} desc)`.as(
        "rank",
      ),
    })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .where(visible)
    .as("ranked");
  return db
    .select()
    .from(ranked)
    .where(and(lte(ranked.rank, DIGEST_LINES_PER_GROUP), sql`covered = 1`))
    .orderBy(sql`rank`);
}

/** What goes at once to a contact set to immediate (find-due-alert-emails.ts). */
const toldAtOnce = (g: GroupCount) => g.needsPerson || g.kind === "connection_down";

/** The digest of these groups (the merchants a contact hears about) for the contact's window; null when there is nothing to say. */
export function composeDigest(allGroups: MerchantDigestGroups, window: DigestWindow, appUrl: string): DigestEmail | null {
  const { since, now } = window;
  // An immediate contact was told at once what needs a person and that a connection is down: its hourly
  // digest is the rest, or nothing (docs/emails.md, "Digests").
  const chosen = window.kinds ? allGroups.filter((g) => window.kinds!.includes(g.count.kind)) : allGroups;
  const merchantGroups = window.frequency === "immediate" ? chosen.filter((g) => !toldAtOnce(g.count)) : chosen;
  const counts = merchantGroups.map((g) => g.count);
  const newCount = counts.reduce((n, g) => n + g.fresh, 0);
  const openCount = counts.reduce((n, g) => n + g.open, 0);
  const summaryOnly = window.frequency === "hourly" || window.frequency === "immediate";
  if (newCount === 0 && (summaryOnly || openCount === 0)) return null;

  const groups: DigestGroup[] = merchantGroups.map(({ count: g, lines: own }) => ({
    kindLabel: ALERT_KIND_LABELS[g.kind],
    merchantName: g.merchantName,
    needsPerson: g.needsPerson,
    newCount: g.fresh,
    stillOpenCount: g.open - g.fresh,
    moreCount: Math.max(0, g.open - own.length),
    lines: own.map((l) => {
      const raw = l.message.length > MAX_MESSAGE ? `${l.message.slice(0, MAX_MESSAGE - 1)}…` : l.message;
      const message = `${l.explained ?? explainedLead(l)}. For support: ${raw}`;
      return {
        url: fixUrl(appUrl, { id: l.id, orderId: l.orderId, needsPerson: g.needsPerson, kind: l.kind }),
        title: l.orderNumber ?? l.productCode ?? l.connectionName ?? ALERT_KIND_LABELS[l.kind],
        message,
        meta: `first seen ${formatAge(new Date(l.firstSeenAt), now)} · ${l.occurrences} ${l.occurrences === 1 ? "failure" : "failures"}`,
        isNew: l.firstSeenAt >= since.getTime(),
      };
    }),
  }));
  groups.sort(
    (a, b) =>
      Number(b.needsPerson) - Number(a.needsPerson) ||
      b.newCount - a.newCount ||
      b.stillOpenCount - a.stillOpenCount ||
      a.kindLabel.localeCompare(b.kindLabel) ||
      a.merchantName.localeCompare(b.merchantName),
  );
  const frequencyLabel = FREQUENCY_LABELS[summaryOnly ? "hourly" : window.frequency];
  const next = formatDateTime(window.next, window.timeZone ?? "UTC");
  return {
    template: "digest",
    frequencyLabel,
    sinceLabel: formatDateTime(since, window.timeZone ?? "UTC"),
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
