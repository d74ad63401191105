import { Section, Text } from "@react-email/components";
import type { EmailExplanation } from "@/lib/notify/email-models";
import { COLORS } from "./theme";

/** The error library's plain explanation and the one action that fixes it (docs/error-library.md), above the raw message. */
export function ExplanationBlock({ explanation: e }: { explanation: EmailExplanation }) {
  return (
    <Section style={{ margin: "0 0 16px" }}>
      <Text style={{ margin: "0 0 4px", fontSize: 16, lineHeight: "23px", fontWeight: 700, color: COLORS.ink }}>{e.headline}</Text>
      <Text style={{ margin: "0 0 8px", fontSize: 15, lineHeight: "23px", color: COLORS.body }}>{e.cause}</Text>
      <Text style={{ margin: 0, fontSize: 15, lineHeight: "23px", color: COLORS.body }}>
        <strong>What fixes it:</strong> {e.action} <span style={{ color: COLORS.muted }}>· who can: {e.fixer}</span>
      </Text>
    </Section>
  );
}
