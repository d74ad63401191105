import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signed } from "../testing/sign-webhook";
import { INVALID_SIGNATURE } from "./rejections";
import { checkSignatureHeaders, verifySignature } from "./verify-signature";

const now = new Date("2026-11-26T14:05:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const current = "whsec_" + Buffer.from("the current secret, 24 b").toString("base64");
const previous = "whsec_" + Buffer.from("the previous secret, 24b").toString("base64");
const body = JSON.stringify({ type: "error.reported", data: { sku: "A-1", message: "Archived" } });
const connection = { webhookSecret: current, previousWebhookSecret: null, previousSecretExpiresAt: null };
const rotated = { webhookSecret: current, previousWebhookSecret: previous, previousSecretExpiresAt: new Date(now.getTime() + 24 * HOUR) };

// The reference library checks the timestamp against the system clock: pin it to `now`.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now);
});
afterEach(() => {
  vi.useRealTimers();
});

const check = (conn: Parameters<typeof verifySignature>[0], headers = signed(current, body, now), text = body, at = now) =>
  checkSignatureHeaders(headers, at) ?? verifySignature(conn, headers, text, at);

describe("a request signed per Standard Webhooks", () => {
  it("is accepted with the connection's secret", () => {
    expect(check(connection)).toBeNull();
  });

  it("is refused with another secret, a tampered body or a tampered id, all with the same answer", () => {
    expect(check(connection, signed(previous, body, now))).toEqual(INVALID_SIGNATURE);
    expect(check(connection, signed(current, body, now), body.replace("Archived", "archived"))).toEqual(INVALID_SIGNATURE);
    expect(check(connection, { ...signed(current, body, now), id: "msg_other" })).toEqual(INVALID_SIGNATURE);
  });

  it("is refused for an unknown connection with exactly the bad-signature answer", () => {
    expect(check(null)).toEqual(INVALID_SIGNATURE);
    expect(JSON.stringify(check(null))).toBe(JSON.stringify(check(connection, signed(previous, body, now))));
  });

  it.each([
    ["10 minutes old", -10 * MIN, "10 min in the past"],
    ["6 minutes ahead", 6 * MIN, "6 min in the future"],
  ])("is refused when its timestamp is %s", (_, offset, words) => {
    const at = new Date(now.getTime() + offset);
    const rejection = check(connection, signed(current, body, at));
    expect(rejection?.code).toBe("timestamp_out_of_tolerance");
    expect(rejection?.message).toContain(words);
  });

  it("is accepted 4 minutes 59 seconds late", () => {
    expect(check(connection, signed(current, body, new Date(now.getTime() - 4 * MIN - 59_000)))).toBeNull();
  });

  it("names the missing headers", () => {
    const rejection = check(connection, { id: "msg_1", timestamp: null, signature: " " });
    expect(rejection).toMatchObject({ code: "missing_signature" });
    expect(rejection?.message).toContain("webhook-timestamp, webhook-signature");
  });

  it("refuses a timestamp that is not Unix seconds", () => {
    expect(check(connection, { ...signed(current, body, now), timestamp: now.toISOString() })?.code).toBe("timestamp_out_of_tolerance");
  });
});

describe("during a secret rotation", () => {
  it("accepts the new and the previous secret until the previous one expires", () => {
    expect(check(rotated, signed(current, body, now))).toBeNull();
    expect(check(rotated, signed(previous, body, now))).toBeNull();
  });

  it("refuses the previous secret once it has expired", () => {
    const later = new Date(now.getTime() + 24 * HOUR + 1000);
    vi.setSystemTime(later);
    expect(check(rotated, signed(previous, body, later), body, later)).toEqual(INVALID_SIGNATURE);
    expect(check(rotated, signed(current, body, later), body, later)).toBeNull();
  });
});
