import type { EmailFooter, GivingUpSoonEmail as Props } from "@/lib/notify/email-models";
import { ExplanationBlock } from "./components/explanation";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, RemoteMessage, Title } from "./components/parts";
import { previewAlert, previewExplanation, previewFooter, previewUrls } from "./preview-data";

type GivingUpSoonProps = Props & { footer: EmailFooter };

export function givingUpSoonSubject({ recordLabel, hoursLeft, willRetry, alert }: Props): string {
  return `Skipped in ${hoursLeft} h ${willRetry ? "unless it gets through" : "unless you resend it"}: ${recordLabel} (${alert.merchantName})`;
}

/** A record still failing 48 hours before its retry window closes: the last moment to act before it is skipped. */
export default function GivingUpSoon(props: GivingUpSoonProps) {
  const { alert, footer } = props;
  return (
    <EmailLayout preview={`${props.recordLabel} is skipped at ${props.giveUpAt} unless it gets through.`} tone="warning" footer={footer}>
      <Eyebrow tone="warning">Giving up soon</Eyebrow>
      <Title>
        {props.recordLabel} is skipped in {props.hoursLeft} {props.hoursLeft === 1 ? "hour" : "hours"}{" "}
        {props.willRetry ? "unless it gets through" : "unless you resend it"}
      </Title>
      <Paragraph>{props.whatHappened}</Paragraph>
      <ExplanationBlock explanation={alert.explanation} />
      <RemoteMessage
        label={`For support — latest answer from ${alert.connectionName ?? "the receiving system"}:`}
        message={alert.message}
        tone="warning"
      />
      <Action href={props.fixUrl} label="Look at it now" tone="warning" />
      <Facts
        rows={[
          ["Merchant", alert.merchantName],
          ["Order", alert.orderNumber],
          ["Product", alert.productCode],
          ["Sent to", alert.connectionName],
          ["Failing since", alert.firstSeen],
          ["Next try", props.nextTry ?? "None before it is skipped"],
          ["Skipped at", props.giveUpAt],
        ]}
      />
    </EmailLayout>
  );
}

GivingUpSoon.PreviewProps = {
  template: "giving-up-soon",
  alert: {
    ...previewAlert,
    kindLabel: "Inventory push failed",
    orderNumber: null,
    productCode: "AO-LAMP-OAK-S",
    connectionName: "Shopify · Alder & Oak Home",
    message: "404 Not Found: variant 44120558 no longer exists",
    explanation: previewExplanation("404 Not Found: variant 44120558 no longer exists", 404, "Shopify", "cart"),
    httpStatus: 404,
    firstSeen: "23 Nov 2026, 10:15 UTC",
  },
  recordLabel: "Inventory of AO-LAMP-OAK-S",
  giveUpAt: "28 Nov 2026, 10:15 UTC",
  hoursLeft: 48,
  attempts: 96,
  nextTry: "26 Nov 2026, 10:30 UTC",
  willRetry: true,
  whatHappened:
    "Fixline has tried it 96 times and keeps retrying (next try 26 Nov 2026, 10:30 UTC). If Shopify · Alder & Oak Home still refuses it at 28 Nov 2026, 10:15 UTC, the record is skipped. If the answer below will not change by itself, fix it now.",
  fixUrl: previewUrls.alert,
  alertUrl: previewUrls.alert,
  footer: previewFooter,
} satisfies GivingUpSoonProps;
