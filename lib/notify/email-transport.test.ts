import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeResend, type FakeResend } from "@/lib/testing/fake-resend";
import { Resend } from "resend";
import {
  EmailSendError,
  outboxTransport,
  resendMinIntervalMs,
  resendTransport,
  transportFromEnv,
  waitFromHeaders,
  type Clock,
  type OutgoingEmail,
} from "./email-transport";

// The real Resend SDK, pointed at a local stand-in with RESEND_BASE_URL.
let resend: FakeResend;
beforeEach(async () => {
  resend = await startFakeResend();
});
afterEach(async () => {
  await resend.close();
});

const env = (extra: Record<string, string> = {}) => ({ ...resend.env, ...extra }) as unknown as NodeJS.ProcessEnv;
const email = (to = "sam@alderandoak.example", key = "alert:1:action_needed:contact:1"): OutgoingEmail => ({
  to,
  subject: "Action needed",
  html: "<p>Fix it</p>",
  text: "Fix it",
  idempotencyKey: key,
  headers: {
    "List-Unsubscribe": "<http://localhost:3000/api/unsubscribe?token=1.x>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  },
});

async function refusal(promise: Promise<unknown>): Promise<EmailSendError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmailSendError);
  return error as EmailSendError;
}

describe("the Resend transport", () => {
  it("sends through the SDK to RESEND_BASE_URL with the idempotency key, the sender and the headers", async () => {
    const { providerId } = await transportFromEnv(env()).send(email());
    expect(providerId).toBe("em_1");
    expect(resend.requests).toEqual([expect.objectContaining({ path: "/emails", idempotencyKey: "alert:1:action_needed:contact:1" })]);
    expect(resend.accepted[0]).toMatchObject({
      from: "Fixline <alerts@fixline.test>",
      to: "sam@alderandoak.example",
      text: "Fix it",
      headers: {
        "List-Unsubscribe": "<http://localhost:3000/api/unsubscribe?token=1.x>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
  });

  it.each([
    [500, {}, true, null],
    [503, {}, true, null],
    [429, { "retry-after": "120" }, true, 120_000],
  ])("throws a retryable error on HTTP %s", async (status, headers, retryable, retryAfterMs) => {
    resend.failNext(status, headers);
    const error = await refusal(transportFromEnv(env()).send(email()));
    expect(error).toMatchObject({ retryable, status, retryAfterMs });
    expect(resend.accepted).toHaveLength(0);
  });

  it("refuses for good an email Resend calls invalid, and retries a bad API key (configuration, not the email)", async () => {
    resend.refuse("not-an-address");
    expect(await refusal(transportFromEnv(env()).send(email("not-an-address")))).toMatchObject({ retryable: false, status: 422 });
    expect(await refusal(transportFromEnv(env({ RESEND_API_KEY: "re_wrong" })).send(email()))).toMatchObject({
      retryable: true,
      status: 401,
    });
  });

  it("throws a retryable error when Resend cannot be reached", async () => {
    const error = await refusal(transportFromEnv(env({ RESEND_BASE_URL: "http://127.0.0.1:9" })).send(email()));
    expect(error.retryable).toBe(true);
  });

  it("sends a batch with the batch key, permissively: one refused address does not stop the others", async () => {
    resend.refuse("bad@x.example");
    const results = await transportFromEnv(env()).sendBatch(
      [email("a@x.example", "k1"), email("bad@x.example", "k2"), email("c@x.example", "k3")],
      "batch:abc",
    );
    expect(results).toEqual([{ providerId: "em_1" }, { rejected: "Invalid `to` field: bad@x.example" }, { providerId: "em_2" }]);
    expect(resend.requests).toEqual([
      expect.objectContaining({ path: "/emails/batch", idempotencyKey: "batch:abc", batchValidation: "permissive" }),
    ]);
  });

  it("keeps under Resend's rate limit: 2 requests per second by default", async () => {
    expect(resendMinIntervalMs({} as NodeJS.ProcessEnv)).toBe(550);
    const transport = transportFromEnv(env({ RESEND_REQUESTS_PER_SECOND: "10" }));
    const started = Date.now();
    for (const key of ["a", "b", "c", "d"]) await transport.send(email(undefined, key));
    // Four requests 110 ms apart take at least 330 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(320);
  });

  it("spaces requests from when each actually starts: one delayed by a busy process pushes the next back", async () => {
    const transport = transportFromEnv(env({ RESEND_REQUESTS_PER_SECOND: "10" }));
    await transport.send(email(undefined, "late-1"));
    const starts: number[] = [];
    const fetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation((...args) => {
      starts.push(Date.now());
      return fetch(...args);
    });
    try {
      const rest = ["late-2", "late-3"].map((key) => transport.send(email(undefined, key)));
      // Rendering the next batch keeps the process busy past the second request's turn.
      const until = Date.now() + 300;
      while (Date.now() < until);
      await Promise.all(rest);
    } finally {
      spy.mockRestore();
    }
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(105);
  });

  it("is the local outbox without a key", async () => {
    expect(transportFromEnv({} as NodeJS.ProcessEnv)).toBe(outboxTransport);
    expect(await outboxTransport.sendBatch([email(), email()], "k")).toEqual([{ providerId: null }, { providerId: null }]);
  });
});

describe("Resend's rate limit, honoured", () => {
  /** A clock whose sleeps only move its time on, recording each wait. */
  function fakeClock(): Clock & { waits: number[] } {
    let now = Date.parse("2026-11-26T08:00:00Z");
    const waits: number[] = [];
    return { waits, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) };
  }
  const transport = (clock: Clock) =>
    resendTransport(new Resend("re_test_key", { baseUrl: resend.url }), "Fixline <a@x.example>", { minIntervalMs: 0, clock });

  it("a 429 with Retry-After: 5 waits 5 s and sends the same request again, under the same key", async () => {
    const clock = fakeClock();
    resend.failNext(429, { "retry-after": "5" });
    await transport(clock).send(email());
    expect(clock.waits).toEqual([5_000]);
    expect(resend.requests.map((r) => r.idempotencyKey)).toEqual(["alert:1:action_needed:contact:1", "alert:1:action_needed:contact:1"]);
    expect(resend.accepted).toHaveLength(1);
  });

  it("a batch answered 429 with only ratelimit-reset waits for the reset", async () => {
    const clock = fakeClock();
    resend.failNext(429, { "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": "2" });
    await transport(clock).sendBatch([email("a@x.example", "k1")], "batch:1");
    expect(clock.waits).toEqual([2_000]);
    expect(resend.accepted).toHaveLength(1);
  });

  it("an answer saying the window is spent (ratelimit-remaining: 0) holds the next request until the reset", async () => {
    const clock = fakeClock();
    const t = transport(clock);
    resend.headersNext({ "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": "3" });
    await t.send(email(undefined, "a"));
    expect(clock.waits).toEqual([]);
    await t.send(email(undefined, "b"));
    expect(clock.waits).toEqual([3_000]);
  });

  it("a wait longer than a minute is not spent in the run: it is thrown with the wait, for the job's retry", async () => {
    const clock = fakeClock();
    resend.failNext(429, { "retry-after": "600" });
    const error = await refusal(transport(clock).send(email()));
    expect(error).toMatchObject({ status: 429, retryAfterMs: 600_000 });
    expect(clock.waits).toEqual([]);
  });

  it("gives up after three 429s in a row, carrying the last wait", async () => {
    const clock = fakeClock();
    for (let i = 0; i < 4; i++) resend.failNext(429, { "retry-after": "1" });
    expect(await refusal(transport(clock).send(email()))).toMatchObject({ status: 429, retryAfterMs: 1_000 });
    expect(clock.waits).toEqual([1_000, 1_000, 1_000]);
    expect(resend.requests).toHaveLength(4);
  });

  it.each([
    [{ "retry-after": "5" }, false, 5_000],
    [{ "Retry-After": "Thu, 26 Nov 2026 08:00:07 GMT" }, false, 7_000],
    [{ "ratelimit-remaining": "1", "ratelimit-reset": "1" }, false, null],
    [{ "ratelimit-remaining": "0", "ratelimit-reset": "1" }, false, 1_000],
    [{ "ratelimit-reset": "4" }, true, 4_000],
    [{}, true, null],
  ])("reads the wait from %j (429: %s)", (headers, limited, wait) => {
    expect(waitFromHeaders(headers, Date.parse("2026-11-26T08:00:00Z"), limited)).toBe(wait);
  });
});
