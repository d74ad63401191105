import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";
import type { AlertEmail, RenderEmail } from "@/lib/notify/email-models";
import ActionNeeded, { actionNeededSubject } from "./action-needed";
import ConnectionDown, { connectionDownSubject } from "./connection-down";
import ConnectionRecovered, { connectionRecoveredSubject } from "./connection-recovered";
import Digest, { digestSubject } from "./digest";
import GivingUpSoon, { givingUpSoonSubject } from "./giving-up-soon";
import RecordSkipped, { recordSkippedSubject } from "./record-skipped";

/** The template and subject line for each alert email. */
function compose(email: AlertEmail): { subject: string; element: ReactElement } {
  switch (email.template) {
    case "action-needed":
      return { subject: actionNeededSubject(email), element: <ActionNeeded {...email} /> };
    case "record-skipped":
      return { subject: recordSkippedSubject(email), element: <RecordSkipped {...email} /> };
    case "giving-up-soon":
      return { subject: givingUpSoonSubject(email), element: <GivingUpSoon {...email} /> };
    case "connection-down":
      return { subject: connectionDownSubject(email), element: <ConnectionDown {...email} /> };
    case "connection-recovered":
      return { subject: connectionRecoveredSubject(email), element: <ConnectionRecovered {...email} /> };
    case "digest":
      return { subject: digestSubject(email), element: <Digest {...email} /> };
  }
}

/** Renders an alert email to its subject, HTML and plain text (Resend gets both; the outbox shows both). */
export const renderAlertEmail: RenderEmail = async (email) => {
  const { subject, element } = compose(email);
  // One render: the text is what `render(element, { plainText: true })` would give, converted from the same HTML.
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
};

/** Every template with its preview props, for the preview script and the rendering tests. */
export const EMAIL_PREVIEWS: Record<AlertEmail["template"], AlertEmail> = {
  "action-needed": ActionNeeded.PreviewProps,
  "record-skipped": RecordSkipped.PreviewProps,
  "giving-up-soon": GivingUpSoon.PreviewProps,
  "connection-down": ConnectionDown.PreviewProps,
  "connection-recovered": ConnectionRecovered.PreviewProps,
  digest: Digest.PreviewProps,
};
