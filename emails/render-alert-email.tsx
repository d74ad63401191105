import { plainTextSelectors } from "@react-email/render";
import { compile } from "html-to-text";
import type { ReactElement } from "react";
import { digestText } from "@/lib/notify/digest-text";
import type { AlertEmail, RenderEmail } from "@/lib/notify/email-models";
import ActionNeeded, { actionNeededSubject } from "./action-needed";
import AlertGroup, { alertGroupEmailSubject } from "./alert-group";
import ConnectionDown, { connectionDownSubject } from "./connection-down";
import ConnectionRecovered, { connectionRecoveredSubject } from "./connection-recovered";
import Digest, { digestSubject } from "./digest";
import GivingUpSoon, { givingUpSoonSubject } from "./giving-up-soon";
import RecordSkipped, { recordSkippedSubject } from "./record-skipped";
import ShipBySoon, { shipBySoonSubject } from "./ship-by-soon";
import ConnectionSilent, { connectionSilentSubject } from "./connection-silent";
import { renderDigestMarkup } from "./render-digest";

/** The template and subject line for each alert email. */
function compose(email: AlertEmail): { subject: string; element: ReactElement } {
  switch (email.template) {
    case "action-needed":
      return { subject: actionNeededSubject(email), element: <ActionNeeded {...email} /> };
    case "record-skipped":
      return { subject: recordSkippedSubject(email), element: <RecordSkipped {...email} /> };
    case "giving-up-soon":
      return { subject: givingUpSoonSubject(email), element: <GivingUpSoon {...email} /> };
    case "connection-silent":
      return { subject: connectionSilentSubject(email), element: <ConnectionSilent {...email} /> };
    case "ship-by-soon":
      return { subject: shipBySoonSubject(email), element: <ShipBySoon {...email} /> };
    case "connection-down":
      return { subject: connectionDownSubject(email), element: <ConnectionDown {...email} /> };
    case "connection-recovered":
      return { subject: connectionRecoveredSubject(email), element: <ConnectionRecovered {...email} /> };
    case "alert-group":
      return { subject: alertGroupEmailSubject(email), element: <AlertGroup {...email} /> };
    case "digest":
      return { subject: digestSubject(email), element: <Digest {...email} /> };
  }
}

/**
 * Renders an alert email to its subject, HTML and plain text (Resend gets both; the outbox shows both). A digest's
 * text is written from its data (the job renders thousands); the other emails' text is converted from their HTML.
 */
export const renderAlertEmail: RenderEmail = async (email) => {
  if (email.template === "digest") {
    const render = await staticRenderer();
    return { subject: digestSubject(email), html: asDocument(renderDigestMarkup(email, render)), text: digestText(email) };
  }
  const { subject, element } = compose(email);
  const html = await renderEmailHtml(element);
  return { subject, html, text: toPlainText(html) };
};

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
let renderToStaticMarkup: ((element: ReactElement) => string) | undefined;

/**
 * The document React Email's `render()` gives, less the empty `<!-- -->` markers between adjacent texts. The
 * templates are synchronous, so one static render does; `render()` re-imports react-dom/server and renders
 * through a web stream on every call, which a digest run of 10,000 emails pays 10,000 times. react-dom/server is
 * loaded on first use, as React Email does, so no page imports it.
 */
export async function renderEmailHtml(element: ReactElement): Promise<string> {
  const render = await staticRenderer();
  return asDocument(render(element));
}

async function staticRenderer(): Promise<(element: ReactElement) => string> {
  renderToStaticMarkup ??= (await import("react-dom/server")).renderToStaticMarkup;
  return renderToStaticMarkup;
}

const asDocument = (markup: string) => `${XHTML_DOCTYPE}${markup.replace(/<!DOCTYPE.*?>/, "")}`;

/** React Email's plain-text conversion (its `toPlainText` options), compiled once instead of on every call. */
export const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors });

/** Every template with its preview props, for the preview script and the rendering tests. */
export const EMAIL_PREVIEWS: Record<AlertEmail["template"], AlertEmail> = {
  "action-needed": ActionNeeded.PreviewProps,
  "record-skipped": RecordSkipped.PreviewProps,
  "giving-up-soon": GivingUpSoon.PreviewProps,
  "ship-by-soon": ShipBySoon.PreviewProps,
  "connection-silent": ConnectionSilent.PreviewProps,
  "connection-down": ConnectionDown.PreviewProps,
  "connection-recovered": ConnectionRecovered.PreviewProps,
  "alert-group": AlertGroup.PreviewProps,
  digest: Digest.PreviewProps,
};
