import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each([
    ["a path on this site", "/orders/123", "/orders/123"],
    ["a path with query and hash", "/orders/123?x=1#h", "/orders/123?x=1#h"],
    ["an absolute URL of this site", "http://localhost:3300/orders/123", "/orders/123"],
    ["another host: the host is dropped", "https://evil.example/orders/5", "/orders/5"],
    ["a protocol-relative URL", "//evil.example/x", "/alerts"],
    ["a backslash that browsers read as //", "/\\evil.example", "/alerts"],
    ["the sign-in page", "/login", "/alerts"],
    ["a page under sign-in", "/login/check-email", "/alerts"],
    ["a sign-in API route", "/api/auth/signin", "/alerts"],
    ["a page whose name only starts like login", "/login-help", "/login-help"],
    ["a javascript: URL", "javascript:alert(1)", "/alerts"],
    ["the empty string", "", "/alerts"],
    ["undefined", undefined, "/alerts"],
    ["null", null, "/alerts"],
    ["a number", 42, "/alerts"],
    ["an array", ["/orders/1"], "/alerts"],
  ])("%s: %j -> %s", (_case, raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });
});
