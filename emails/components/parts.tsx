import { Button, Heading, Link, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { COLORS, MONO, TONES, type Tone } from "./theme";

/** A small coloured label above the heading: what kind of email this is. */
export function Eyebrow({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Text
      style={{
        margin: "0 0 8px",
        fontSize: 12,
        fontWeight: 700,
        letterSpacing: "0.06em",
        textTransform: "uppercase",
        color: TONES[tone].text,
      }}
    >
      {children}
    </Text>
  );
}

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={{ margin: "0 0 12px", fontSize: 22, lineHeight: "28px", fontWeight: 700, color: COLORS.ink }}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return (
    <Text style={{ margin: "0 0 16px", fontSize: 15, lineHeight: "23px", color: muted ? COLORS.muted : COLORS.body }}>{children}</Text>
  );
}

/** The remote system's message, verbatim, set apart so it reads as a quotation; `label` says whose words they are. */
export function RemoteMessage({ label, message, tone }: { label: string; message: string; tone: Tone }) {
  return (
    <Section
      style={{ margin: "0 0 20px", backgroundColor: TONES[tone].soft, borderLeft: `3px solid ${TONES[tone].accent}`, borderRadius: 4 }}
    >
      <Text style={{ margin: 0, padding: "10px 14px 0", fontSize: 12, color: COLORS.muted }}>{label}</Text>
      <Text
        style={{
          margin: 0,
          padding: "4px 14px 12px",
          fontSize: 14,
          lineHeight: "21px",
          fontFamily: MONO,
          color: COLORS.ink,
          wordBreak: "break-word",
        }}
      >
        {message}
      </Text>
    </Section>
  );
}

/** Label/value pairs: what Fixline knows. Rows without a value are left out. */
export function Facts({ rows }: { rows: [string, ReactNode | null | undefined][] }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== "");
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ width: "100%", margin: "0 0 20px", borderCollapse: "collapse" }}>
      <tbody>
        {shown.map(([label, value]) => (
          <tr key={label}>
            <td
              style={{
                padding: "6px 12px 6px 0",
                width: "34%",
                verticalAlign: "top",
                fontSize: 13,
                color: COLORS.muted,
                borderBottom: `1px solid ${COLORS.line}`,
              }}
            >
              {label}
            </td>
            <td
              style={{
                padding: "6px 0",
                verticalAlign: "top",
                fontSize: 14,
                color: COLORS.ink,
                borderBottom: `1px solid ${COLORS.line}`,
                wordBreak: "break-word",
              }}
            >
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The one thing to do, as a big button, with its address spelled out for clients that hide buttons. */
export function Action({ href, label, tone = "info", note }: { href: string; label: string; tone?: Tone; note?: ReactNode }) {
  return (
    <Section style={{ margin: "4px 0 20px" }}>
      <Button
        href={href}
        style={{
          backgroundColor: tone === "info" ? COLORS.brand : TONES[tone].accent,
          color: "#ffffff",
          borderRadius: 6,
          padding: "12px 20px",
          fontSize: 15,
          fontWeight: 600,
          textDecoration: "none",
        }}
      >
        {label}
      </Button>
      {/* The button already carries the link in the plain-text version. */}
      <Text data-skip-in-text="true" style={{ margin: "10px 0 0", fontSize: 12, lineHeight: "18px", color: COLORS.muted }}>
        {note ? <>{note} </> : null}
        Or open{" "}
        <Link href={href} style={{ color: COLORS.brand, wordBreak: "break-all" }}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}

/** "Northwind WMS · Alder & Oak Home" already names the merchant; "Shopify" gets it added. */
export function withMerchant(name: string, merchantName: string): string {
  return name.includes(merchantName) ? name : `${name} (${merchantName})`;
}
