// The email jobs' renderer loads the templates on first use: it must still render every email as the templates do.
import { expect, it } from "vitest";
import { EMAIL_PREVIEWS, renderAlertEmail } from "@/emails/render-alert-email";
import { emailDeps } from "./email-deps";

const now = new Date("2026-11-01T08:00:00Z");

it("renders each template through the lazily loaded renderer exactly as the templates do", async () => {
  const { render } = emailDeps(now, { NODE_ENV: "test", EMAIL_TOKEN_SECRET: "test-secret" });
  for (const email of Object.values(EMAIL_PREVIEWS)) {
    const rendered = await render(email);
    expect(rendered.subject.length).toBeGreaterThan(0);
    expect(rendered).toEqual(await renderAlertEmail(email));
  }
});
