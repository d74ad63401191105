import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { EVENT_TYPES, parseWebhookEvent } from "./events";
import type { RejectionCode } from "./rejections";

// docs/webhooks.md is what connector authors copy from: its examples must be events the endpoint accepts,
// and it must explain every answer the endpoint can give.
const docs = readFileSync("docs/webhooks.md", "utf8");
const jsonBlocks = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
const curlBody = /^BODY='(.*)'$/m.exec(docs)?.[1];

it("every example event in the docs is accepted, and every event type has one", () => {
  const events = [...jsonBlocks.filter((b) => "type" in b), JSON.parse(curlBody!)];
  for (const event of events) expect(parseWebhookEvent(event)).toMatchObject({ ok: true });
  expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
});

it("the docs explain every refusal code", () => {
  const codes: Record<RejectionCode, true> = {
    payload_too_large: true,
    missing_signature: true,
    invalid_webhook_id: true,
    timestamp_out_of_tolerance: true,
    invalid_signature: true,
    rate_limited: true,
    invalid_json: true,
    invalid_event: true,
    event_not_allowed: true,
  };
  for (const code of Object.keys(codes)) expect(docs).toContain(`| \`${code}\` |`);
});
