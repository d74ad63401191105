import type { EmailFooter, RecordSkippedEmail as Props } from "@/lib/notify/email-models";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, RemoteMessage, Title } from "./components/parts";
import { previewAlert, previewFooter, previewUrls } from "./preview-data";

type RecordSkippedProps = Props & { footer: EmailFooter };

export function recordSkippedSubject({ recordLabel, alert }: Props): string {
  return `Skipped after every retry: ${recordLabel} (${alert.merchantName})`;
}

/** A record that ran out of retries (docs/rules.md#r1-skip). It is kept, and one click resends it. */
export default function RecordSkipped(props: RecordSkippedProps) {
  const { alert, footer } = props;
  const tries = `${props.attempts} ${props.attempts === 1 ? "attempt" : "attempts"}`;
  return (
    <EmailLayout preview={`${props.recordLabel} was skipped after ${tries}. Last answer: ${alert.message}`} tone="danger" footer={footer}>
      <Eyebrow tone="danger">Record skipped</Eyebrow>
      <Title>{props.recordLabel} was skipped</Title>
      <Paragraph>
        Fixline tried {tries}
        {props.triedSince ? ` since ${props.triedSince}` : ""} and {alert.connectionName ?? "the receiving system"} never accepted it, so its retry window
        has closed. Nothing is lost: correct it if needed and resend it.
      </Paragraph>
      <RemoteMessage label={`Last answer from ${alert.connectionName ?? "the receiving system"}:`} message={alert.message} tone="danger" />
      <Action href={props.resendUrl} label={props.resendLabel} tone="danger" />
      <Facts
        rows={[
          ["Merchant", alert.merchantName],
          ["Order", alert.orderNumber],
          ["Product", alert.productCode],
          ["Sent to", alert.connectionName],
          ["Attempts", String(props.attempts)],
          ["First failure", props.triedSince],
        ]}
      />
    </EmailLayout>
  );
}

RecordSkipped.PreviewProps = {
  template: "record-skipped",
  alert: { ...previewAlert, kindLabel: "Record skipped", orderNumber: "#AO-10311", message: "503 Service Unavailable: WMS maintenance window", httpStatus: 503, occurrences: 360 },
  recordLabel: "Order #AO-10311",
  attempts: 360,
  triedSince: "11 Nov 2026, 09:00 UTC",
  resendUrl: previewUrls.order,
  resendLabel: "Review and resend the order",
  alertUrl: previewUrls.alert,
  footer: previewFooter,
} satisfies RecordSkippedProps;
