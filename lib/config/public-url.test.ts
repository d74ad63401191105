import { describe, expect, it } from "vitest";
import { onPublicOrigin, publicOrigin, publicUrl } from "./public-url";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("the public URL comes from configuration, never from a request", () => {
  it("is APP_URL, else AUTH_URL, without a trailing slash; locally the dev server", () => {
    expect(publicUrl(env({ APP_URL: "https://fixline.example.com/" }))).toBe("https://fixline.example.com");
    expect(publicUrl(env({ AUTH_URL: "https://auth.example.com" }))).toBe("https://auth.example.com");
    expect(publicUrl(env({ APP_URL: "https://a.example", AUTH_URL: "https://b.example" }))).toBe("https://a.example");
    expect(publicUrl(env({}))).toBe("http://localhost:3000");
    expect(publicOrigin(env({ APP_URL: "https://fixline.example.com/app/" }))).toBe("https://fixline.example.com");
  });

  it("moves a sign-in link Auth.js built on a forged host onto the public origin, token and all", () => {
    const forged =
      "https://evil.example/api/auth/callback/resend?callbackUrl=https%3A%2F%2Fevil.example%2Forders%2F7&token=abc123&email=sam%40alder.example";
    const link = new URL(onPublicOrigin(forged, env({ APP_URL: "https://fixline.example.com" })));
    expect(link.origin).toBe("https://fixline.example.com");
    expect(link.pathname).toBe("/api/auth/callback/resend");
    expect(link.searchParams.get("token")).toBe("abc123");
    expect(link.searchParams.get("email")).toBe("sam@alder.example");
    expect(link.searchParams.get("callbackUrl")).toBe("https://fixline.example.com/orders/7");
  });

  it("keeps a relative callbackUrl as it is", () => {
    const link = new URL(
      onPublicOrigin("http://x.example/api/auth/callback/resend?callbackUrl=%2Falerts&token=t", env({ APP_URL: "http://localhost:3100" })),
    );
    expect(link.href).toBe("http://localhost:3100/api/auth/callback/resend?callbackUrl=%2Falerts&token=t");
  });
});
