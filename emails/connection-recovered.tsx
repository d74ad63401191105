import type { ConnectionRecoveredEmail as Props, EmailFooter } from "@/lib/notify/email-models";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, Title, withMerchant } from "./components/parts";
import { heldSentence } from "@/lib/notify/connection-email-content";
import { previewFooter, previewUrls } from "./preview-data";

type ConnectionRecoveredProps = Props & { footer: EmailFooter };

export function connectionRecoveredSubject({ connectionName, merchantName }: Props): string {
  return `Back up: ${withMerchant(connectionName, merchantName)}`;
}

/** The end of an outage: the connection answers again and the backlog is on its way. */
export default function ConnectionRecovered(props: ConnectionRecoveredProps) {
  return (
    <EmailLayout
      preview={`${props.connectionName} answers again after ${props.downFor}. The backlog is being sent.`}
      tone="good"
      footer={props.footer}
    >
      <Eyebrow tone="good">Connection back up</Eyebrow>
      <Title>{props.connectionName} answers again</Title>
      <Paragraph>
        It was down for {props.downFor}.{" "}
        {props.held.count
          ? `Fixline is sending the ${props.held.count} ${props.held.count === 1 ? "record" : "records"} that waited (${heldSentence(props.held)}), oldest first, at a pace the system can take.`
          : "Nothing was waiting for it."}{" "}
        Records that still fail show up as alerts of their own.
      </Paragraph>
      <Action href={props.alertUrl} label="See what happened" tone="good" />
      <Facts
        rows={[
          ["Merchant", props.merchantName],
          ["Connection", props.connectionName],
          ["Platform", props.platform],
          ["Down since", props.downSince],
          ["Back up at", props.recoveredAt],
        ]}
      />
    </EmailLayout>
  );
}

ConnectionRecovered.PreviewProps = {
  template: "connection-recovered",
  connectionName: "Northwind WMS · Alder & Oak Home",
  platform: "Northwind WMS",
  merchantName: "Alder & Oak Home",
  downSince: "26 Nov 2026, 14:05 UTC",
  recoveredAt: "26 Nov 2026, 16:19 UTC",
  downFor: "2 h 14 min",
  alertUrl: previewUrls.alert,
  held: { count: 42, labels: ["order #AO-10482", "order #AO-10483", "order #AO-10485"] },
  footer: {
    ...previewFooter,
    reason:
      "maya@northwind-fulfillment.example is an alert contact of Northwind Fulfillment in Fixline and was told this connection was down.",
  },
} satisfies ConnectionRecoveredProps;
