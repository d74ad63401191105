import { Link, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { digestHeadline } from "@/lib/notify/digest-text";
import type { DigestEmail as Props, DigestGroup, DigestLine, EmailFooter } from "@/lib/notify/email-models";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Paragraph, Title } from "./components/parts";
import { COLORS, TONES } from "./components/theme";
import { previewFooter, previewUrls } from "./preview-data";

/**
 * How a group renders its lines: as components by default. The digest job passes one that puts in ready-made
 * HTML for each line (emails/render-digest.tsx), since a digest is mostly its lines and the job renders
 * thousands of digests. A prop, not a React context: the template is also imported where only server
 * components may be (the job registry loads in the server's instrumentation).
 */
export type LineRenderer = (line: DigestLine, accent: string, index: number) => ReactNode;

type DigestProps = Props & { footer: EmailFooter; renderLine?: LineRenderer };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function digestSubject(props: Props): string {
  return `${props.frequencyLabel}: ${digestHeadline(props)}`;
}

/** What is new since the last digest and what is still open, grouped by kind and merchant, counts first. */
export default function Digest(props: DigestProps) {
  return (
    <EmailLayout
      preview={`${plural(props.newCount, "new alert")} since ${props.sinceLabel}; ${props.stillOpenCount} older ones still open.`}
      tone="info"
      footer={props.footer}
    >
      <Eyebrow tone="info">{props.frequencyLabel}</Eyebrow>
      <Title>{digestHeadline(props)}</Title>
      <Paragraph muted>
        New since {props.sinceLabel}, and older alerts that retrying has not resolved yet. Each line opens the page that fixes it.
      </Paragraph>
      <Counts newCount={props.newCount} stillOpenCount={props.stillOpenCount} needsPersonCount={props.needsPersonCount} />
      <Glance groups={props.groups} />
      {props.groups.map((group) => (
        <Group
          key={`${group.kindLabel}-${group.merchantName}-${group.needsPerson}`}
          group={group}
          alertsUrl={props.alertsUrl}
          renderLine={props.renderLine ?? componentLine}
        />
      ))}
      <Action href={props.alertsUrl} label="Open the Alerts tab" />
      <Text style={{ margin: "0 0 16px", fontSize: 13, lineHeight: "20px", color: COLORS.muted }}>{props.nextDigestLine}</Text>
    </EmailLayout>
  );
}

function Counts({ newCount, stillOpenCount, needsPersonCount }: { newCount: number; stillOpenCount: number; needsPersonCount: number }) {
  const cell = (value: number, label: string, color: string) => (
    <td
      style={{ width: "33%", padding: "12px 8px", textAlign: "center", backgroundColor: COLORS.panel, border: `1px solid ${COLORS.line}` }}
    >
      <div style={{ fontSize: 24, fontWeight: 700, lineHeight: "28px", color }}>{value}</div>
      <div style={{ fontSize: 12, lineHeight: "16px", color: COLORS.muted }}>{label}</div>
    </td>
  );
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ width: "100%", margin: "0 0 20px", borderCollapse: "collapse" }}>
      <tbody>
        <tr>
          {cell(newCount, "new", COLORS.brand)}
          {cell(stillOpenCount, "still open", COLORS.ink)}
          {cell(needsPersonCount, "need a person", needsPersonCount ? TONES.action.accent : COLORS.ink)}
        </tr>
      </tbody>
    </table>
  );
}

/** Counts per kind and merchant, before any detail. */
function Glance({ groups }: { groups: DigestGroup[] }) {
  const th = {
    padding: "6px 0",
    fontSize: 11,
    fontWeight: 600,
    letterSpacing: "0.04em",
    textTransform: "uppercase" as const,
    color: COLORS.muted,
    borderBottom: `1px solid ${COLORS.line}`,
  };
  const td = { padding: "7px 0", fontSize: 14, color: COLORS.ink, borderBottom: `1px solid ${COLORS.line}`, verticalAlign: "top" as const };
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ width: "100%", margin: "0 0 24px", borderCollapse: "collapse" }}>
      <thead>
        <tr>
          <th style={{ ...th, textAlign: "left" }}>Kind · merchant</th>
          <th style={{ ...th, textAlign: "right", width: 52 }}>New</th>
          <th style={{ ...th, textAlign: "right", width: 64 }}>Still open</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={`${g.kindLabel}-${g.merchantName}-${g.needsPerson}`}>
            <td style={td}>
              <div>
                {g.kindLabel}
                {g.needsPerson ? <span style={{ color: TONES.action.text, fontSize: 12 }}> · needs a person</span> : null}
              </div>
              <div style={{ fontSize: 12, color: COLORS.muted }}>{g.merchantName}</div>
            </td>
            <td style={{ ...td, textAlign: "right", fontWeight: g.newCount ? 700 : 400, color: g.newCount ? COLORS.brand : COLORS.faint }}>
              {g.newCount}
            </td>
            <td style={{ ...td, textAlign: "right" }}>{g.stillOpenCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Group({ group, alertsUrl, renderLine }: { group: DigestGroup; alertsUrl: string; renderLine: LineRenderer }) {
  const accent = group.needsPerson ? TONES.action.accent : COLORS.brand;
  return (
    <Section style={{ margin: "0 0 24px" }}>
      <Text style={{ margin: "0 0 2px", fontSize: 16, fontWeight: 700, color: COLORS.ink }}>
        {group.kindLabel} · {group.merchantName}
      </Text>
      <Text style={{ margin: "0 0 8px", fontSize: 13, color: COLORS.muted }}>
        {group.newCount} new · {group.stillOpenCount} still open{group.needsPerson ? " · needs a person" : ""}
      </Text>
      {group.lines.map((line, index) => renderLine(line, accent, index))}
      {group.moreCount > 0 ? (
        <Link href={alertsUrl} style={{ display: "block", padding: "2px 0 0 15px", fontSize: 13, color: COLORS.brand }}>
          and {group.moreCount} more in Fixline →
        </Link>
      ) : null}
    </Section>
  );
}

/** One alert of a group: its title linking to the page that fixes it, NEW if it is, its message and how old and how often. */
export function DigestLineView({ line, accent }: { line: DigestLine; accent: string }) {
  return (
    <Section style={{ borderLeft: `3px solid ${line.isNew ? accent : COLORS.line}`, margin: "0 0 6px" }}>
      <Text style={{ margin: 0, padding: "6px 0 0 12px", fontSize: 14, lineHeight: "20px", fontWeight: 600 }}>
        <Link href={line.url} style={{ color: COLORS.brand, textDecoration: "none" }}>
          {line.title}
        </Link>
        {line.isNew ? <span style={{ marginLeft: 6, fontSize: 11, fontWeight: 700, color: accent }}> NEW</span> : null}
      </Text>
      <Text style={{ margin: 0, padding: "0 0 0 12px", fontSize: 13, lineHeight: "19px", color: COLORS.body, wordBreak: "break-word" }}>
        {line.message}
      </Text>
      <Text style={{ margin: 0, padding: "0 0 6px 12px", fontSize: 12, lineHeight: "18px", color: COLORS.muted }}>{line.meta}</Text>
    </Section>
  );
}

const componentLine: LineRenderer = (line, accent, index) => <DigestLineView key={`${line.url}-${index}`} line={line} accent={accent} />;

const line = (n: number, title: string, message: string, meta: string, isNew: boolean, url = `${previewUrls.alert}`) => ({
  url: `${url}?preview=${n}`,
  title,
  message,
  meta,
  isNew,
});

Digest.PreviewProps = {
  template: "digest",
  frequencyLabel: "Daily digest",
  sinceLabel: "25 Nov 2026, 08:00 UTC",
  newCount: 4,
  stillOpenCount: 7,
  needsPersonCount: 3,
  groups: [
    {
      kindLabel: "Address invalid",
      merchantName: "Alder & Oak Home",
      needsPerson: true,
      newCount: 1,
      stillOpenCount: 2,
      moreCount: 0,
      lines: [
        line(
          1,
          "#AO-10482",
          "Invalid ShipTo.State 'TX.': not a recognized US state or territory code.",
          "first seen 18 h ago · 1 failure",
          true,
          previewUrls.order,
        ),
        line(
          2,
          "#AO-10377",
          "Address validation failed: postal code '9021' is not a valid ZIP code for CA.",
          "first seen 3 days ago · 1 failure",
          false,
          previewUrls.order,
        ),
        line(
          3,
          "#AO-10301",
          "Address validation failed: address line 1 'Suite 400' has no street number and name.",
          "first seen 5 days ago · 2 failures",
          false,
          previewUrls.order,
        ),
      ],
    },
    {
      kindLabel: "Order send failed",
      merchantName: "Bright Trail Outdoor",
      needsPerson: false,
      newCount: 3,
      stillOpenCount: 4,
      moreCount: 2,
      lines: [
        line(4, "#BT-20931", "503 Service Unavailable: WMS maintenance window", "first seen 2 h ago · 2 failures", true),
        line(5, "#BT-20928", "503 Service Unavailable: WMS maintenance window", "first seen 3 h ago · 3 failures", true),
        line(6, "#BT-20911", "No answer from wms.northwind.example within 15 s.", "first seen 9 h ago · 9 failures", true),
        line(7, "#BT-20870", "429 Too Many Requests", "first seen 2 days ago · 48 failures", false),
        line(8, "#BT-20866", "429 Too Many Requests", "first seen 2 days ago · 50 failures", false),
      ],
    },
    {
      kindLabel: "Tracking push failed",
      merchantName: "Alder & Oak Home",
      needsPerson: false,
      newCount: 0,
      stillOpenCount: 1,
      moreCount: 0,
      lines: [line(9, "#AO-10220", "422 Unprocessable Entity: fulfillment already closed", "first seen 4 days ago · 96 failures", false)],
    },
  ],
  nextDigestLine: "Your next daily digest comes on 27 Nov 2026, 08:00 UTC.",
  alertsUrl: previewUrls.alerts,
  footer: {
    ...previewFooter,
    reason: 'maya@northwind-fulfillment.example is an alert contact of Northwind Fulfillment in Fixline with emails set to "Daily digest".',
  },
} satisfies DigestProps;
