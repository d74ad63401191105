import { describe, expect, it } from "vitest";
import { checkProductionConfig } from "./startup-check";

const check = (vars: Record<string, string>) => checkProductionConfig(vars as unknown as NodeJS.ProcessEnv);
const GOOD = { APP_URL: "https://fixline.example.com", AUTH_SECRET: "s3cret", RESEND_API_KEY: "re_123" };

describe("a production server refuses to start without what it needs", () => {
  it("starts quietly with a public URL, a session secret and an email provider", () => {
    expect(check(GOOD)).toEqual({ errors: [], warnings: [] });
  });

  it.each([
    ["no public URL", { ...GOOD, APP_URL: "" }, /APP_URL is not set/],
    ["a public URL that is not a URL", { ...GOOD, APP_URL: "fixline.example.com" }, /APP_URL must be an absolute http\(s\) URL/],
    ["two public URLs on different hosts", { ...GOOD, AUTH_URL: "https://other.example" }, /name different hosts/],
    ["no session secret", { ...GOOD, AUTH_SECRET: " " }, /AUTH_SECRET is not set/],
  ])("refuses %s", (_name, vars, message) => {
    const { errors } = check(vars);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it("accepts AUTH_URL alone as the public URL", () => {
    expect(check({ ...GOOD, APP_URL: "", AUTH_URL: "https://fixline.example.com" }).errors).toEqual([]);
  });

  it("warns loudly, without refusing, when no email provider is set", () => {
    const { errors, warnings } = check({ ...GOOD, RESEND_API_KEY: "" });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/NO EMAIL LEAVES THIS SERVER.*sign-in links cannot be sent/)]);
    expect(check({ ...GOOD, RESEND_API_KEY: "", FIXLINE_MAILBOX: "on" }).warnings).toEqual([
      expect.stringMatching(/\/dev\/mailbox to signed-in users/),
    ]);
  });
});
