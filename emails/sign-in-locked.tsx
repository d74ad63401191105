import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";

export type SignInLockedEmailProps = { email: string; failures: number; client: string; lastAt: string; retryAt: string; loginUrl: string };

/** To the owner of an address whose password sign-in was paused after too many wrong passwords (docs/security.md). */
export default function SignInLockedEmail({
  email = "maya@northwind-fulfillment.example",
  failures = 5,
  client = "203.0.113.7",
  lastAt = "1 Dec 2026, 23:41 UTC",
  retryAt = "1 Dec 2026, 23:56 UTC",
  loginUrl = "http://localhost:3000/login",
}: Partial<SignInLockedEmailProps>) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${failures} wrong passwords for your Fixline account: password sign-in paused until ${retryAt}`}</Preview>
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
            Password sign-in paused
          </Heading>
          <Text style={{ color: "#374151", fontSize: 15, lineHeight: "22px" }}>
            Someone entered a wrong password for <strong>{email}</strong> {failures} times in 15 minutes, the last time at {lastAt} from{" "}
            {client}. To stop guessing, Fixline refuses password sign-in for this address until <strong>{retryAt}</strong>, even with the
            right password.
          </Text>
          <Text style={{ color: "#374151", fontSize: 15, lineHeight: "22px" }}>
            You can still sign in now with an emailed link. If this was not you, change your password on Profile &amp; Billing once signed
            in: that also ends every other session.
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button
              href={loginUrl}
              style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "12px 20px", fontWeight: 600, fontSize: 15 }}
            >
              Sign in with an emailed link
            </Button>
          </Section>
          <Text style={{ color: "#6b7280", fontSize: 13, lineHeight: "20px" }}>None of these tries signed anyone in.</Text>
        </Container>
      </Body>
    </Html>
  );
}
