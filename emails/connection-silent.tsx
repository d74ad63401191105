import type { ConnectionSilentEmail as Props, EmailFooter } from "@/lib/notify/email-models";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Facts, Paragraph, RemoteMessage, Title, withMerchant } from "./components/parts";
import { previewFooter, previewUrls } from "./preview-data";

type ConnectionSilentProps = Props & { footer: EmailFooter };

export function connectionSilentSubject({ connectionName, merchantName }: Props): string {
  return `Connection silent: ${withMerchant(connectionName, merchantName)}`;
}

/** The silence rule (docs/silence.md): a connection's flow stopped, though nothing failed. */
export default function ConnectionSilent(props: ConnectionSilentProps) {
  return (
    <EmailLayout preview={props.message} tone="danger" footer={props.footer}>
      <Eyebrow tone="danger">Connection silent</Eyebrow>
      <Title>{props.connectionName} has gone silent</Title>
      <Paragraph>
        Nothing failed, so no other alert would tell you: its flow simply stopped, well beyond its normal gap for this hour of the week. A
        platform that gives up on failing webhooks deletes the subscription and goes quiet; an import that switched itself off does the
        same. Check the connection in {props.platform || "the platform"}. The alert resolves by itself when the flow returns.
      </Paragraph>
      <RemoteMessage label="What Fixline saw:" message={props.message} tone="danger" />
      <Action href={props.alertUrl} label="Open the alert" tone="info" />
      <Facts
        rows={[
          ["Merchant", props.merchantName],
          ["Connection", props.connectionName],
          ["Platform", props.platform],
          ["Silent since", props.since],
        ]}
      />
      <Paragraph>
        Closed at weekends, or quieter at night? Set its quiet hours or sensitivity on{" "}
        <a href={props.settingsUrl}>Settings → Connections</a>.
      </Paragraph>
    </EmailLayout>
  );
}

ConnectionSilent.PreviewProps = {
  template: "connection-silent",
  connectionName: "alderandoak.myshopify.com",
  platform: "Shopify",
  merchantName: "Alder & Oak Home",
  since: "26 Nov 2026, 14:05 UTC",
  message:
    "No orders from alderandoak.myshopify.com for 6 h; by now there are usually about 14. Last order received 08:05 UTC. Last successful call to it 13:50 UTC. No webhook of any kind has arrived from it since.",
  alertUrl: previewUrls.alert,
  settingsUrl: "https://fixline.example.com/settings/connections",
  footer: previewFooter,
} satisfies ConnectionSilentProps;
