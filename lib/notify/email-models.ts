// What each alert email says, as plain data: the core decides the content, the templates in emails/ only lay
// it out. Times are formatted here (UTC), so an email reads the same in every mail client.

/** Why the person got the email, and the one-click way out. */
export type EmailFooter = {
  recipientEmail: string;
  accountName: string;
  reason: string;
  unsubscribeUrl: string;
  profileUrl: string;
};

/** What Fixline knows about an alert, as a person reads it. */
/** What the error library makes of the alert's error, in plain words (docs/error-library.md). */
export type EmailExplanation = { headline: string; cause: string; action: string; fixer: string; explained: boolean };

export type AlertFacts = {
  kindLabel: string;
  explanation: EmailExplanation;
  merchantName: string;
  connectionName: string | null;
  /** The remote system's message, verbatim. */
  message: string;
  orderNumber: string | null;
  productCode: string | null;
  httpStatus: number | null;
  firstSeen: string;
  occurrences: number;
};

export type ActionNeededEmail = {
  template: "action-needed";
  alert: AlertFacts;
  title: string;
  /** What Fixline did, and who refused or reported what (lib/notify/immediate-email-content.ts). */
  whatHappened: string;
  /** Whose words the message is: "Northwind WMS said:", "Fixline's check found:". */
  messageLabel: string;
  /** What the person does on the fix page. */
  whatToDo: string;
  fixUrl: string;
  fixLabel: string;
  alertUrl: string;
  /** The facts row naming the system: ["Sent to", …], ["Reported by", …], or ["Sent to", "Not sent"]. */
  systemRow: [string, string];
};

export type RecordSkippedEmail = {
  template: "record-skipped";
  alert: AlertFacts;
  recordLabel: string;
  attempts: number;
  /** "after 360 tries", "after one try", "without a try". */
  triesLabel: string;
  whatHappened: string;
  messageLabel: string;
  triedSince: string | null;
  resendUrl: string;
  resendLabel: string;
  alertUrl: string;
};

export type GivingUpSoonEmail = {
  template: "giving-up-soon";
  alert: AlertFacts;
  recordLabel: string;
  giveUpAt: string;
  hoursLeft: number;
  attempts: number;
  /** The next try, when one comes before the window closes ("due now" when it is already due). */
  nextTry: string | null;
  /** Whether Fixline tries it again before it is skipped. */
  willRetry: boolean;
  whatHappened: string;
  fixUrl: string;
  alertUrl: string;
};

/** An order alert close to its ship-by (docs/ship-by.md#lead-time): told at once to immediate contacts. */
export type ShipBySoonEmail = {
  template: "ship-by-soon";
  alert: AlertFacts;
  recordLabel: string;
  /** "26 Nov 2026, 14:00 CST". */
  dueOut: string;
  /** "1 h 50 min". */
  timeLeft: string;
  /** What Fixline is doing about it by itself, and whether that makes the ship-by. */
  whatHappened: string;
  fixUrl: string;
  fixLabel: string;
  alertUrl: string;
};

/** A connection whose flow stopped (docs/silence.md): told like a connection down, to immediate contacts. */
export type ConnectionSilentEmail = {
  template: "connection-silent";
  connectionName: string;
  platform: string;
  merchantName: string;
  since: string;
  /** What the watch saw: "No orders from … for 6 h; by now there are usually about 14. Last order received …". */
  message: string;
  alertUrl: string;
  settingsUrl: string;
};

export type ConnectionDownEmail = {
  template: "connection-down";
  connectionName: string;
  platform: string;
  merchantName: string;
  since: string;
  message: string;
  explanation: EmailExplanation;
  alertUrl: string;
  /** The records it holds until it answers again. */
  held: HeldRecords;
};

export type ConnectionRecoveredEmail = {
  template: "connection-recovered";
  connectionName: string;
  platform: string;
  merchantName: string;
  downSince: string;
  recoveredAt: string;
  downFor: string;
  alertUrl: string;
  /** The backlog that is going out now. */
  held: HeldRecords;
};

/** Records a connection holds while it is down (or sends now it is back): how many, and the first few. */
export type HeldRecords = { count: number; labels: string[] };

export type AlertGroupLine = { title: string; detail: string; url: string };
export type AlertGroupSection = {
  heading: string;
  /** What Fixline did about these and what the person can do. */
  explanation: string;
  tone: "action" | "danger" | "warning" | "good" | "info";
  lines: AlertGroupLine[];
  /** Lines not shown; `moreUrl` lists them all. */
  moreCount: number;
  moreUrl: string | null;
};

/** Several immediate notices to one contact, as one email (docs/emails.md, "Calm when many things break at once"). */
export type AlertGroupEmail = {
  template: "alert-group";
  /** "12 orders need you", "Northwind WMS is down · 3 orders need you". */
  headline: string;
  intro: string;
  sections: AlertGroupSection[];
  alertsUrl: string;
};

/** `message`: the library's headline, then the system's own words. */
export type DigestLine = { url: string; title: string; message: string; meta: string; isNew: boolean };

export type DigestGroup = {
  kindLabel: string;
  merchantName: string;
  needsPerson: boolean;
  newCount: number;
  /** Open since before the last digest. */
  stillOpenCount: number;
  lines: DigestLine[];
  /** Lines not shown (the group's link lists them all). */
  moreCount: number;
};

export type DigestEmail = {
  template: "digest";
  frequencyLabel: string;
  /** "since 26 Nov 2026, 08:00 UTC" */
  sinceLabel: string;
  newCount: number;
  stillOpenCount: number;
  needsPersonCount: number;
  groups: DigestGroup[];
  /** "Your next daily digest comes on 27 Nov 2026, 08:00 UTC." */
  nextDigestLine: string;
  alertsUrl: string;
};

export type AlertEmailContent =
  | ActionNeededEmail
  | RecordSkippedEmail
  | GivingUpSoonEmail
  | ShipBySoonEmail
  | ConnectionSilentEmail
  | ConnectionDownEmail
  | ConnectionRecoveredEmail
  | AlertGroupEmail
  | DigestEmail;

export type AlertEmail = AlertEmailContent & { footer: EmailFooter };

/** Renders an email to what a mail client receives; the templates in emails/ provide it. */
export type RenderEmail = (email: AlertEmail) => Promise<{ subject: string; html: string; text: string }>;
