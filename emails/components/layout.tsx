import { Body, Column, Container, Head, Html, Link, Preview, Row, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { EmailFooter } from "@/lib/notify/email-models";
import { COLORS, FONT, TONES, type Tone } from "./theme";

/**
 * The frame of every alert email: the brand (drawn in HTML, no image to block), a card with a coloured top
 * edge, and a footer that says why the person got it, with a one-click unsubscribe. Fluid up to 600 px, so
 * it reads on a phone as on a desktop.
 */
export function EmailLayout({
  preview,
  tone,
  footer,
  children,
}: {
  preview: string;
  tone: Tone;
  footer: EmailFooter;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: COLORS.page, fontFamily: FONT, margin: 0, padding: "24px 0" }}>
        <Container style={{ width: "100%", maxWidth: 600, margin: "0 auto", padding: "0 8px", boxSizing: "border-box" }}>
          <Section style={{ padding: "0 16px 16px" }}>
            <Row>
              <Column style={{ width: 32 }}>
                <div
                  data-skip-in-text="true"
                  style={{
                    width: 28,
                    height: 28,
                    lineHeight: "28px",
                    borderRadius: 7,
                    backgroundColor: COLORS.brand,
                    color: "#ffffff",
                    fontWeight: 700,
                    fontSize: 15,
                    textAlign: "center",
                  }}
                >
                  F
                </div>
              </Column>
              <Column>
                <Text style={{ margin: 0, fontSize: 17, fontWeight: 700, color: COLORS.ink }}>Fixline</Text>
              </Column>
            </Row>
          </Section>
          <Section
            style={{
              backgroundColor: COLORS.card,
              borderRadius: 10,
              border: `1px solid ${COLORS.line}`,
              borderTop: `4px solid ${TONES[tone].accent}`,
            }}
          >
            <div style={{ padding: "24px 24px 8px" }}>{children}</div>
          </Section>
          <Section style={{ padding: "20px 20px 0" }}>
            <Text style={{ margin: "0 0 8px", fontSize: 12, lineHeight: "18px", color: COLORS.muted }}>
              You got this email because {footer.reason}
            </Text>
            <Text style={{ margin: 0, fontSize: 12, lineHeight: "18px", color: COLORS.muted }}>
              <Link href={footer.profileUrl} style={{ color: COLORS.muted, textDecoration: "underline" }}>
                Change how often you get emails
              </Link>
              {"  ·  "}
              <Link href={footer.unsubscribeUrl} style={{ color: COLORS.muted, textDecoration: "underline" }}>
                Unsubscribe {footer.recipientEmail}
              </Link>
            </Text>
            <Text style={{ margin: "12px 0 0", fontSize: 12, lineHeight: "18px", color: COLORS.faint }}>
              Fixline · alerts and retries for your order integrations
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
