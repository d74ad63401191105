import { describe, expect, it } from "vitest";
import { tokenContactId, tokenMatches, unsubscribeToken } from "./unsubscribe-token";

const contact = { id: 42, email: "ops@northwind.example" };

describe("unsubscribe tokens", () => {
  it("name the contact and verify with the same secret and address", () => {
    const token = unsubscribeToken(contact, "s3cret");
    expect(token).toMatch(/^42\.[A-Za-z0-9_-]{43}$/);
    expect(tokenContactId(token)).toBe(42);
    expect(tokenMatches(token, contact, "s3cret")).toBe(true);
    expect(tokenMatches(token, { ...contact, email: "OPS@northwind.example" }, "s3cret")).toBe(true);
  });

  it("do not verify with another secret, another contact, a changed address or a tampered id", () => {
    const token = unsubscribeToken(contact, "s3cret");
    expect(tokenMatches(token, contact, "other")).toBe(false);
    expect(tokenMatches(token, { ...contact, email: "new@northwind.example" }, "s3cret")).toBe(false);
    expect(tokenMatches(token.replace(/^42/, "43"), { ...contact, id: 43 }, "s3cret")).toBe(false);
  });

  it.each(["", "42", "42.", "abc.def", "0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "-1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])(
    "rejects the shape %j",
    (token) => {
      expect(tokenContactId(token)).toBeNull();
    },
  );
});
