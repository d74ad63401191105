import { describe, expect, it } from "vitest";
import type { Alert } from "@/db/schema";
import type { DueAlertEmail } from "./find-due-alert-emails";
import { planAlertEmails, QUIET_AFTER_EMAIL_MS } from "./plan-alert-emails";
import type { Recipient } from "./recipients";

const NOW = new Date("2026-11-26T12:00:00Z");
const MIN = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const contact = (id: number, hourlyEmailCap = 6) => ({ id, hourlyEmailCap }) as Recipient;
const notice = (contactId: number, alertId: number, kind: DueAlertEmail["kind"] = "action_needed", cap = 6): DueAlertEmail => ({
  kind,
  alert: { id: alertId } as Alert,
  contact: contact(contactId, cap),
  idempotencyKey: `alert:${alertId}:${kind}:contact:${contactId}`,
});

describe("planAlertEmails", () => {
  it("puts every notice due for a contact in one email, connection events first", () => {
    const { emails, held } = planAlertEmails(
      [notice(1, 5), notice(2, 5), notice(1, 6, "record_skipped"), notice(1, 9, "connection_down")],
      new Map(),
      NOW,
    );
    expect(held).toEqual([]);
    expect(emails.map((e) => [e.contactId, e.notices.map((n) => n.alert.id)])).toEqual([
      [1, [9, 5, 6]],
      [2, [5]],
    ]);
  });

  it.each([
    ["no email this hour", [], "sent"],
    ["an email 2 min ago: the quiet after it", [2 * MIN], "quiet"],
    ["an email exactly 5 min ago", [QUIET_AFTER_EMAIL_MS], "sent"],
    ["6 emails this hour: the cap", [50 * MIN, 40 * MIN, 30 * MIN, 20 * MIN, 10 * MIN, 6 * MIN], "cap"],
    ["6 emails, the oldest 61 min ago", [61 * MIN, 40 * MIN, 30 * MIN, 20 * MIN, 10 * MIN, 6 * MIN], "sent"],
  ])("%s", (_, agos, outcome) => {
    const { emails, held } = planAlertEmails([notice(1, 5)], new Map([[1, agos.map(ago)]]), NOW);
    expect(emails.length ? "sent" : held[0]!.why).toBe(outcome);
  });

  it("says until when a capped contact's notices wait: the oldest of the hour's emails leaving the window", () => {
    const { held } = planAlertEmails(
      [notice(1, 5, "action_needed", 2), notice(1, 6, "action_needed", 2)],
      new Map([[1, [ago(50 * MIN), ago(10 * MIN)]]]),
      NOW,
    );
    expect(held).toEqual([{ contactId: 1, notices: 2, until: new Date(NOW.getTime() + 10 * MIN), why: "cap" }]);
  });
});
