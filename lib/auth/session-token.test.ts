import { decode as authDecode, encode as authEncode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

const salt = "authjs.session-token";
const claims = { sub: "user-1", sid: "session-1", sv: 3, name: "Ana", email: "ana@example.com" };

describe("the session cookie's codec (docs/decisions/0012-session-key-derived-once.md)", () => {
  it("reads a cookie Auth.js wrote, and Auth.js reads one it wrote: sessions survive the switch both ways", async () => {
    const fromAuth = await authEncode({ token: claims, secret: "s3cret", salt });
    expect(await decodeSessionToken({ token: fromAuth, secret: "s3cret", salt })).toMatchObject(claims);
    const ours = await encodeSessionToken({ token: claims, secret: "s3cret", salt });
    expect(await authDecode({ token: ours, secret: "s3cret", salt })).toMatchObject(claims);
  });

  it("refuses a cookie made with another secret or for another cookie name, with the key already derived", async () => {
    const token = await encodeSessionToken({ token: claims, secret: "s3cret", salt });
    expect(await decodeSessionToken({ token, secret: "s3cret", salt })).toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret: "other", salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret: "s3cret", salt: "__Secure-authjs.session-token" })).rejects.toThrow();
  });

  it("reads a cookie of the previous secret while the secret rotates, and writes with the new one", async () => {
    const old = await encodeSessionToken({ token: claims, secret: "old", salt });
    expect(await decodeSessionToken({ token: old, secret: ["new", "old"], salt })).toMatchObject(claims);
    const fresh = await encodeSessionToken({ token: claims, secret: ["new", "old"], salt });
    await expect(decodeSessionToken({ token: fresh, secret: "old", salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: fresh, secret: "new", salt })).toMatchObject(claims);
  });

  it("refuses an expired cookie and a tampered one", async () => {
    const expired = await encodeSessionToken({ token: claims, secret: "s3cret", salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret: "s3cret", salt })).rejects.toThrow(/exp/);
    const token = await encodeSessionToken({ token: claims, secret: "s3cret", salt });
    const parts = token.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    await expect(decodeSessionToken({ token: parts.join("."), secret: "s3cret", salt })).rejects.toThrow();
  });

  it("has no session for no cookie", async () => {
    expect(await decodeSessionToken({ token: "", secret: "s3cret", salt })).toBeNull();
  });
});
