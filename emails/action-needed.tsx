import type { ActionNeededEmail as Props, EmailFooter } from "@/lib/notify/email-models";
import { ExplanationBlock } from "./components/explanation";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, RemoteMessage, Title } from "./components/parts";
import { previewAlert, previewFooter, previewUrls } from "./preview-data";

type ActionNeededProps = Props & { footer: EmailFooter };

export function actionNeededSubject({ alert }: Props): string {
  const what = alert.orderNumber ? `order ${alert.orderNumber}` : alert.productCode ? `product ${alert.productCode}` : alert.merchantName;
  return `Action needed: ${alert.kindLabel.toLowerCase()} on ${what} (${alert.merchantName})`;
}

/** A record that will not be retried until a person fixes it (docs/rules.md#r3). What it says comes from the record's state (lib/notify/immediate-email-content.ts). */
export default function ActionNeeded(props: ActionNeededProps) {
  const { alert, footer } = props;
  return (
    <EmailLayout preview={`${alert.kindLabel}: ${alert.message}`} tone="action" footer={footer}>
      <Eyebrow tone="action">Action needed · {alert.kindLabel}</Eyebrow>
      <Title>{props.title}</Title>
      <Paragraph>
        {props.whatHappened} {props.whatToDo}
      </Paragraph>
      <ExplanationBlock explanation={alert.explanation} />
      <RemoteMessage label={`For support — ${props.messageLabel}`} message={alert.message} tone="action" />
      <Action href={props.fixUrl} label={props.fixLabel} tone="info" />
      <Facts
        rows={[
          ["Merchant", alert.merchantName],
          ["Order", alert.orderNumber],
          ["Product", alert.productCode],
          props.systemRow,
          ["Answer", alert.httpStatus ? `HTTP ${alert.httpStatus}` : null],
          ["First seen", alert.firstSeen],
        ]}
      />
    </EmailLayout>
  );
}

ActionNeeded.PreviewProps = {
  template: "action-needed",
  alert: previewAlert,
  title: "Order #AO-10482 of Alder & Oak Home is on hold",
  whatHappened: "Northwind WMS · Alder & Oak Home refused it, and Fixline will not retry it by itself: it waits for a person.",
  messageLabel: "Northwind WMS · Alder & Oak Home said:",
  whatToDo: "Correct the ship-to address on the order page. Saving it sends the order to the WMS at once.",
  fixUrl: previewUrls.order,
  fixLabel: "Fix order #AO-10482",
  alertUrl: previewUrls.alert,
  systemRow: ["Sent to", "Northwind WMS · Alder & Oak Home"],
  footer: previewFooter,
} satisfies ActionNeededProps;
