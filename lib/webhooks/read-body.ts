import { MAX_WEBHOOK_BYTES, tooLarge, type Rejection } from "./rejections";

export type BodyRead = { ok: true; text: string } | { ok: false; rejection: Rejection };

/**
 * Reads a request body as UTF-8 text, refusing it before parsing once it is over `limit` bytes: a declared
 * Content-Length over the limit is refused unread, and the bytes actually received are counted too, so a
 * chunked or mislabelled body cannot slip past. Only the first `limit` bytes are ever buffered.
 */
export async function readBodyCapped(
  request: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  limit = MAX_WEBHOOK_BYTES,
): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, rejection: tooLarge(declared) };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, rejection: tooLarge(null) };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
