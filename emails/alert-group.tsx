import { Link, Section, Text } from "@react-email/components";
import { alertGroupSubject } from "@/lib/notify/alert-group-content";
import type { AlertGroupEmail as Props, AlertGroupSection, EmailFooter } from "@/lib/notify/email-models";
import { EmailLayout } from "./components/layout";
import { Action, Eyebrow, Paragraph, Title } from "./components/parts";
import { COLORS, TONES } from "./components/theme";
import { previewFooter, previewUrls } from "./preview-data";

type AlertGroupProps = Props & { footer: EmailFooter };

export const alertGroupEmailSubject = (props: Props) => alertGroupSubject(props);

/** Several immediate notices to one contact at once: one email, grouped by cause, each line a deep link. */
export default function AlertGroup(props: AlertGroupProps) {
  const tone = props.sections[0]?.tone ?? "action";
  return (
    <EmailLayout preview={`${props.headline}. ${props.sections.map((s) => s.heading).join(" · ")}`} tone={tone} footer={props.footer}>
      <Eyebrow tone={tone}>
        Alerts · {props.sections.length} {props.sections.length === 1 ? "cause" : "causes"}
      </Eyebrow>
      <Title>{props.headline}</Title>
      <Paragraph muted>{props.intro}</Paragraph>
      {props.sections.map((section, i) => (
        <GroupSection key={`${section.heading}-${i}`} section={section} />
      ))}
      <Action href={props.alertsUrl} label="Open the Alerts tab" />
    </EmailLayout>
  );
}

function GroupSection({ section }: { section: AlertGroupSection }) {
  const accent = TONES[section.tone].accent;
  return (
    <Section style={{ margin: "0 0 24px" }}>
      <Text style={{ margin: "0 0 2px", fontSize: 16, fontWeight: 700, color: COLORS.ink }}>{section.heading}</Text>
      <Text style={{ margin: "0 0 8px", fontSize: 13, lineHeight: "19px", color: COLORS.muted }}>{section.explanation}</Text>
      {section.lines.map((line, i) => (
        <Section key={`${line.url}-${i}`} style={{ borderLeft: `3px solid ${accent}`, margin: "0 0 6px" }}>
          <Text style={{ margin: 0, padding: "6px 0 0 12px", fontSize: 14, lineHeight: "20px", fontWeight: 600 }}>
            <Link href={line.url} style={{ color: COLORS.brand, textDecoration: "none" }}>
              {line.title}
            </Link>
          </Text>
          <Text
            style={{ margin: 0, padding: "0 0 6px 12px", fontSize: 13, lineHeight: "19px", color: COLORS.body, wordBreak: "break-word" }}
          >
            {line.detail}
          </Text>
        </Section>
      ))}
      {section.moreCount > 0 && section.moreUrl ? (
        <Link href={section.moreUrl} style={{ display: "block", padding: "2px 0 0 15px", fontSize: 13, color: COLORS.brand }}>
          and {section.moreCount} more in Fixline →
        </Link>
      ) : null}
    </Section>
  );
}

AlertGroup.PreviewProps = {
  template: "alert-group",
  headline: "3 orders need you",
  intro: "Several things came up at once, so they are in one email, grouped by cause. Each line opens the page that fixes it.",
  sections: [
    {
      heading: "Address invalid: 2 on hold for a person",
      explanation:
        "Northwind WMS · Alder & Oak Home refused them with an error only a person can fix; Fixline holds them and does not retry. Fixing one on its page sends it at once.",
      tone: "action",
      lines: [
        {
          title: "#AO-10482 · Alder & Oak Home",
          detail: "Invalid ShipTo.State 'TX.': not a recognized US state or territory code.",
          url: previewUrls.order,
        },
        { title: "#AO-10490 · Alder & Oak Home", detail: "ShipTo.PostalCode '7870' is not a valid US ZIP code.", url: previewUrls.order },
      ],
      moreCount: 0,
      moreUrl: null,
    },
    {
      heading: "Ship method unmapped: 1 on hold for a person",
      explanation:
        "Fixline held them before sending: their ship method has no carrier service mapped, so nothing was sent. Mapping it sends every order held on it at once.",
      tone: "action",
      lines: [
        {
          title: "#AO-10491 · Alder & Oak Home",
          detail: "Ship method 'Free Shipping' is not mapped to a carrier service at Northwind Fulfillment.",
          url: previewUrls.order,
        },
      ],
      moreCount: 0,
      moreUrl: null,
    },
  ],
  alertsUrl: previewUrls.alerts,
  footer: previewFooter,
} satisfies AlertGroupProps;
