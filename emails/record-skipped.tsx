import type { EmailFooter, RecordSkippedEmail as Props } from "@/lib/notify/email-models";
import { ExplanationBlock } from "./components/explanation";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, RemoteMessage, Title } from "./components/parts";
import { previewAlert, previewExplanation, previewFooter, previewUrls } from "./preview-data";

type RecordSkippedProps = Props & { footer: EmailFooter };

export function recordSkippedSubject({ recordLabel, triesLabel, alert }: Props): string {
  return `Skipped ${triesLabel}: ${recordLabel} (${alert.merchantName})`;
}

/** A record whose retry window closed (docs/rules.md#r1-skip). It is kept, and one click resends it. */
export default function RecordSkipped(props: RecordSkippedProps) {
  const { alert, footer } = props;
  return (
    <EmailLayout preview={`${props.recordLabel} was skipped ${props.triesLabel}. ${props.whatHappened}`} tone="danger" footer={footer}>
      <Eyebrow tone="danger">Record skipped</Eyebrow>
      <Title>
        {props.recordLabel} was skipped {props.triesLabel}
      </Title>
      <Paragraph>{props.whatHappened} Nothing is lost: correct it if needed and resend it.</Paragraph>
      <ExplanationBlock explanation={alert.explanation} />
      <RemoteMessage label={`For support — ${props.messageLabel}`} message={alert.message} tone="danger" />
      <Action href={props.resendUrl} label={props.resendLabel} tone="danger" />
      <Facts
        rows={[
          ["Merchant", alert.merchantName],
          ["Order", alert.orderNumber],
          ["Product", alert.productCode],
          ["Sent to", alert.connectionName],
          ["Tries", String(props.attempts)],
          ["First failure", props.triedSince],
        ]}
      />
    </EmailLayout>
  );
}

RecordSkipped.PreviewProps = {
  template: "record-skipped",
  alert: {
    ...previewAlert,
    kindLabel: "Record skipped",
    orderNumber: "#AO-10311",
    message: "503 Service Unavailable: WMS maintenance window",
    explanation: previewExplanation("503 Service Unavailable: WMS maintenance window", 503, "Extensiv 3PL Warehouse Manager", "wms"),
    httpStatus: 503,
    occurrences: 360,
  },
  recordLabel: "Order #AO-10311",
  attempts: 360,
  triesLabel: "after 360 tries",
  whatHappened:
    "Fixline tried it 360 times since 11 Nov 2026, 09:00 UTC and Northwind WMS · Alder & Oak Home never accepted it, so its retry window closed on 26 Nov 2026, 09:00 UTC.",
  messageLabel: "Last answer from Northwind WMS · Alder & Oak Home:",
  triedSince: "11 Nov 2026, 09:00 UTC",
  resendUrl: previewUrls.order,
  resendLabel: "Review and resend the order",
  alertUrl: previewUrls.alert,
  footer: previewFooter,
} satisfies RecordSkippedProps;
