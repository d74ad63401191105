import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";

export type MagicLinkEmailProps = { url: string; email: string; expiresInHours: number };

export default function MagicLinkEmail({
  url = "http://localhost:3000/api/auth/callback/resend?token=preview&email=maya%40northwind-fulfillment.example",
  email = "maya@northwind-fulfillment.example",
  expiresInHours = 24,
}: Partial<MagicLinkEmailProps>) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Your Fixline sign-in link</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: "-apple-system, Segoe UI, Helvetica, Arial, sans-serif" }}>
        <Container
          style={{
            fontFamily: "-apple-system, Segoe UI, Helvetica, Arial, sans-serif",
            backgroundColor: "#ffffff",
            borderRadius: 8,
            margin: "32px auto",
            padding: "32px",
            maxWidth: 480,
          }}
        >
          <Text style={{ color: "#4f46e5", fontWeight: 700, fontSize: 18, margin: 0 }}>Fixline</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#111827", margin: "24px 0 12px" }}>
            Sign in to Fixline
          </Heading>
          <Text style={{ color: "#374151", fontSize: 15, lineHeight: "22px" }}>
            Click the button below to sign in as <strong>{email}</strong>. The link works once and expires in {expiresInHours} hours.
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button
              href={url}
              style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "12px 20px", fontWeight: 600, fontSize: 15 }}
            >
              Sign in to Fixline
            </Button>
          </Section>
          <Text style={{ color: "#6b7280", fontSize: 13, lineHeight: "20px" }}>
            If you did not ask to sign in, you can ignore this email: nobody can sign in without this link.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
