import type { EmailFooter, ShipBySoonEmail as Props } from "@/lib/notify/email-models";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, RemoteMessage, Title } from "./components/parts";
import { previewAlert, previewFooter, previewUrls } from "./preview-data";

type ShipBySoonProps = Props & { footer: EmailFooter };

export function shipBySoonSubject({ recordLabel, timeLeft, alert }: Props): string {
  return `Misses its ship-by in ${timeLeft} unless fixed: ${recordLabel} (${alert.merchantName})`;
}

/** An order alert within its warehouse's lead time of the order's ship-by (docs/ship-by.md#lead-time). */
export default function ShipBySoon(props: ShipBySoonProps) {
  const { alert, footer } = props;
  return (
    <EmailLayout preview={`${props.recordLabel} is due out ${props.dueOut} and has not reached the WMS.`} tone="danger" footer={footer}>
      <Eyebrow tone="danger">Ship-by soon</Eyebrow>
      <Title>
        {props.recordLabel} misses its ship-by in {props.timeLeft} unless fixed
      </Title>
      <Paragraph>{props.whatHappened}</Paragraph>
      <RemoteMessage label={`Latest answer from ${alert.connectionName ?? "the WMS"}:`} message={alert.message} tone="danger" />
      <Action href={props.fixUrl} label={props.fixLabel} tone="danger" />
      <Facts
        rows={[
          ["Merchant", alert.merchantName],
          ["Order", alert.orderNumber],
          ["Due out", props.dueOut],
          ["Sent to", alert.connectionName],
          ["Failing since", alert.firstSeen],
        ]}
      />
    </EmailLayout>
  );
}

ShipBySoon.PreviewProps = {
  template: "ship-by-soon",
  alert: {
    ...previewAlert,
    kindLabel: "Order send failed",
    message: "503 Service Unavailable: upstream timeout",
    httpStatus: 503,
    firstSeen: "26 Nov 2026, 11:05 UTC",
  },
  recordLabel: "Order #AO-10482",
  dueOut: "26 Nov 2026, 14:00 UTC",
  timeLeft: "1 h 50 min",
  whatHappened:
    "Northwind WMS · Alder & Oak Home has not accepted it. Fixline is retrying hourly (next try 26 Nov 2026, 13:05 UTC), but the order is due out at 26 Nov 2026, 14:00 UTC: if the next answer is the same, it misses its ship-by. Fix what the message below asks for, or resend it now.",
  fixUrl: previewUrls.order,
  fixLabel: "Fix order #AO-10482",
  alertUrl: previewUrls.alert,
  footer: previewFooter,
} satisfies ShipBySoonProps;
