import type { ConnectionDownEmail as Props, EmailFooter } from "@/lib/notify/email-models";
import { ExplanationBlock } from "./components/explanation";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, RemoteMessage, Title, withMerchant } from "./components/parts";
import { heldSentence } from "@/lib/notify/connection-email-content";
import { previewExplanation, previewFooter, previewUrls } from "./preview-data";

type ConnectionDownProps = Props & { footer: EmailFooter };

export function connectionDownSubject({ connectionName, merchantName }: Props): string {
  return `Connection down: ${withMerchant(connectionName, merchantName)}`;
}

/** The outage rule: a connection stopped answering. Nothing is lost; Fixline probes it and catches up. */
export default function ConnectionDown(props: ConnectionDownProps) {
  return (
    <EmailLayout
      preview={`${props.connectionName} is not answering. Fixline holds the records and probes it.`}
      tone="danger"
      footer={props.footer}
    >
      <Eyebrow tone="danger">Connection down</Eyebrow>
      <Title>{props.connectionName} is not answering</Title>
      <Paragraph>
        Since {props.since}, every record Fixline sent to it failed. Nothing is lost: Fixline now tries one record per cycle and, as soon as
        it answers, sends the backlog oldest first. You will get an email when it is back.
      </Paragraph>
      {props.held.count ? (
        <Paragraph>
          Fixline holds {props.held.count} {props.held.count === 1 ? "record" : "records"} for it: {heldSentence(props.held)}. They are not
          emailed one by one.
        </Paragraph>
      ) : null}
      <ExplanationBlock explanation={props.explanation} />
      <RemoteMessage label="For support — what Fixline saw:" message={props.message} tone="danger" />
      <Action href={props.alertUrl} label="Open the alert" tone="info" />
      <Facts
        rows={[
          ["Merchant", props.merchantName],
          ["Connection", props.connectionName],
          ["Platform", props.platform],
          ["Down since", props.since],
          ["Records held", String(props.held.count)],
        ]}
      />
    </EmailLayout>
  );
}

ConnectionDown.PreviewProps = {
  template: "connection-down",
  connectionName: "Northwind WMS · Alder & Oak Home",
  platform: "Northwind WMS",
  merchantName: "Alder & Oak Home",
  since: "26 Nov 2026, 14:05 UTC",
  message:
    "Northwind WMS · Alder & Oak Home is not answering: 5 records in a row failed. Last error: Connection refused by wms.northwind.example.",
  explanation: previewExplanation(
    "Northwind WMS · Alder & Oak Home is not answering: 5 records in a row failed. Last error: Connection refused by wms.northwind.example.",
    null,
    "Extensiv 3PL Warehouse Manager",
    "wms",
  ),
  alertUrl: previewUrls.alert,
  held: { count: 42, labels: ["order #AO-10482", "order #AO-10483", "order #AO-10485"] },
  footer: {
    ...previewFooter,
    reason: 'maya@northwind-fulfillment.example is an alert contact of Northwind Fulfillment in Fixline with emails set to "Immediately".',
  },
} satisfies ConnectionDownProps;
