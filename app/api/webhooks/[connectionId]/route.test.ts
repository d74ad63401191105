import { describe, expect, it } from "vitest";
import * as route from "./route";

// docs/webhooks.md §5: every method but POST is refused the same way, in JSON, with `Allow: POST`.
describe("the webhook endpoint's other methods", () => {
  it.each(["GET", "PUT", "PATCH", "DELETE"] as const)("%s answers a JSON 405 method_not_allowed with Allow: POST", async (method) => {
    const handler = route[method];
    expect(handler).toBeTypeOf("function");
    const answer = handler();
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("POST");
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await answer.json()).toEqual({ error: { code: "method_not_allowed", message: expect.stringContaining("POST") } });
  });

  it("HEAD answers the 405 and Allow: POST without a body", async () => {
    const answer = route.HEAD();
    expect([answer.status, answer.headers.get("allow"), await answer.text()]).toEqual([405, "POST", ""]);
  });

  it("OPTIONS answers 204 with Allow: POST and no CORS headers", async () => {
    const answer = route.OPTIONS();
    expect([answer.status, answer.headers.get("allow"), await answer.text()]).toEqual([204, "POST", ""]);
    expect(answer.headers.get("access-control-allow-methods")).toBeNull();
  });
});
