import { describe, expect, it } from "vitest";
import { readBodyCapped } from "./read-body";
import { MAX_WEBHOOK_BYTES } from "./rejections";

/** A body streamed in chunks, the way a chunked upload arrives, with whatever Content-Length it claims. */
function request(chunks: Uint8Array[], contentLength?: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[pulled++];
        if (next) controller.enqueue(next);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const headers = new Headers(contentLength === undefined ? {} : { "content-length": String(contentLength) });
  return { request: { headers, body }, pulled: () => pulled };
}

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

describe("readBodyCapped", () => {
  it("reads a body of exactly 256 KiB", async () => {
    const { request: r } = request([bytes(MAX_WEBHOOK_BYTES / 2), bytes(MAX_WEBHOOK_BYTES / 2)], MAX_WEBHOOK_BYTES);
    const read = await readBodyCapped(r);
    expect(read.ok && read.text.length).toBe(MAX_WEBHOOK_BYTES);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { request: r, pulled } = request([bytes(10)], 300 * 1024);
    const read = await readBodyCapped(r);
    expect(read).toMatchObject({ ok: false, rejection: { code: "payload_too_large" } });
    expect(pulled()).toBe(0);
  });

  it("counts the bytes that actually arrive when no length, or a false one, is declared", async () => {
    for (const declared of [undefined, 100]) {
      const chunks = Array.from({ length: 10 }, () => bytes(64 * 1024));
      const { request: r, pulled } = request(chunks, declared);
      const read = await readBodyCapped(r);
      expect(read).toMatchObject({ ok: false, rejection: { code: "payload_too_large" } });
      // It stopped at the chunk that crossed the limit rather than buffering all 640 KiB.
      expect(pulled()).toBeLessThan(7);
    }
  });

  it("decodes UTF-8 split across chunks", async () => {
    const encoded = new TextEncoder().encode('{"name":"Zoë Bouclé"}');
    const { request: r } = request([encoded.slice(0, 11), encoded.slice(11)]);
    expect(await readBodyCapped(r)).toEqual({ ok: true, text: '{"name":"Zoë Bouclé"}' });
  });
});
