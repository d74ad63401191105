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

  // Hostile values: whatever comes back is a path on this site that no browser reads as another host.
  it.each([
    ["dot segments that normalise to //", "/..//evil.example", "/alerts"],
    ["more dot segments", "/a/../..//evil.example/x", "/alerts"],
    ["an encoded dot segment", "/%2e%2e//evil.example", "/alerts"],
    ["a bare //", "//x", "/alerts"],
    ["slash backslash", "/\\x", "/alerts"],
    ["a backslash later on", "/orders\\..\\//evil.example", "/alerts"],
    ["encoded slashes (stay a path here)", "/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["encoded slashes without a leading one", "%2F%2Fevil.example", "/alerts"],
    ["a tab the URL parser drops", "/\t/evil.example", "/alerts"],
    ["a newline the URL parser drops", "/\n/evil.example", "/alerts"],
    ["a javascript: URL in capitals", "JAVASCRIPT:alert(1)", "/alerts"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>", "/alerts"],
    ["an absolute URL whose path is //", "https://evil.example//evil.example", "/alerts"],
    ["an absolute URL with credentials", "https://user:pw@evil.example/orders/1", "/orders/1"],
    ["very long", `/orders/${"a".repeat(2100)}`, "/alerts"],
  ])("%s: %j -> %s", (_case, raw, expected) => {
    const result = safeCallbackPath(raw);
    expect(result).toBe(expected);
    expect(result.startsWith("/") && !result.startsWith("//") && !result.startsWith("/\\")).toBe(true);
    expect(new URL(result, "https://fixline.example").origin).toBe("https://fixline.example");
  });
});

describe("safeCallbackPath keeps ordinary pages", () => {
  it.each([["a path on this site", "/orders/123", "/orders/123"]])("%s: %j -> %s", (_case, raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });
});
