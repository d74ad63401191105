import { describe, expect, it } from "vitest";
import { bulkTone, describeAttempt, describeBulk } from "./attempt";

const none = { sent: 0, failing: 0, held: 0, notFound: 0, busy: 0 };

describe("describeAttempt", () => {
  it.each([
    [{ result: "succeeded", outcome: { kind: "success", status: 200 } }, "success", "Accepted by the WMS."],
    [
      {
        result: "retrying",
        outcome: { kind: "transient", status: 503, code: null, message: "503 Service Unavailable", retryAfterMs: null },
      },
      "error",
      "Still failing: 503 Service Unavailable Fixline retries it every hour.",
    ],
    [
      {
        result: "held",
        outcome: { kind: "needs_person", status: 422, code: "address_invalid", message: "Postal code '9002' is not valid." },
      },
      "warning",
      "Held: Postal code '9002' is not valid.",
    ],
  ] as const)("%o", (attempt, tone, message) => {
    expect(describeAttempt(attempt)).toEqual({ tone, message });
  });
});

describe("describeBulk", () => {
  it.each([
    [{ ...none, sent: 231, failing: 6, held: 3 }, undefined, "231 sent, 6 still failing, 3 held"],
    [{ ...none, sent: 11 }, "order", "11 orders sent, 0 still failing"],
    [{ ...none, sent: 1 }, "order", "1 order sent, 0 still failing"],
    [{ ...none, sent: 1, notFound: 1, busy: 2 }, undefined, "1 sent, 0 still failing, 1 not found, 2 being sent by a worker right now"],
  ])("%o → %s", (summary, noun, text) => {
    expect(describeBulk(summary, noun)).toBe(text);
  });

  it("calls anything short of all sent something to look at", () => {
    expect(bulkTone({ ...none, sent: 3 })).toBe("success");
    expect(bulkTone({ ...none, sent: 3, held: 1 })).toBe("warning");
    expect(bulkTone({ ...none, sent: 3, failing: 1, held: 1 })).toBe("error");
    expect(bulkTone({ ...none, notFound: 1 })).toBe("error");
  });
});
