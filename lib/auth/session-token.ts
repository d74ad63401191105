import { hkdfSync } from "node:crypto";
import { EncryptJWT, base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";

/**
 * The session cookie's codec: Auth.js's own format (a `dir` JWE, A256CBC-HS512, its key derived by HKDF from
 * the secret and the cookie's name, `kid` the key's thumbprint), with the derived key kept per secret and salt.
 * Auth.js derives it again on every encode and decode, and a signed-in page decoded the cookie twice (the proxy
 * and the page) and encoded it once: three derivations and two thumbprints per request, for a key that only
 * changes with the secret (docs/decisions/0012-session-key-derived-once.md). Tokens are interchangeable with
 * Auth.js's `encode`/`decode` (session-token.test.ts), so sessions survive the switch either way.
 */
export type SessionToken = JWTPayload & Record<string, unknown>;
type Secret = string | string[];

const ALG = "dir";
const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
const KEY_LENGTH: Record<string, number> = { "A256CBC-HS512": 64, A256GCM: 32 };
/** A deployment has one secret, two while it rotates: a small bound keeps a stream of odd salts from growing it. */
const MAX_KEYS = 16;

type DerivedKey = { key: Uint8Array; kid: Promise<string> };
const keys = new Map<string, DerivedKey>();

function derivedKey(enc: string, secret: string, salt: string): DerivedKey {
  const length = KEY_LENGTH[enc];
  if (!length) throw new Error("Unsupported JWT Content Encryption Algorithm");
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  const known = keys.get(id);
  if (known) return known;
  const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
  const kid = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}` as "sha512");
  if (keys.size >= MAX_KEYS) keys.clear();
  const entry = { key, kid };
  keys.set(id, entry);
  return entry;
}

const secretsOf = (secret: Secret) => (Array.isArray(secret) ? secret : [secret]);

/** A new session cookie value; the first secret encrypts (Auth.js's `encode`, same parameters). */
export async function encodeSessionToken(params: { token?: SessionToken; secret: Secret; salt: string; maxAge?: number }): Promise<string> {
  const { key, kid } = derivedKey(ENC, secretsOf(params.secret)[0]!, params.salt);
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(params.token ?? {})
    .setProtectedHeader({ alg: ALG, enc: ENC, kid: await kid })
    .setIssuedAt(now)
    .setExpirationTime(now + (params.maxAge ?? DEFAULT_MAX_AGE))
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/** The claims of a cookie value, or null for none; throws on a forged, expired or foreign one (Auth.js's `decode`). */
export async function decodeSessionToken(params: { token?: string; secret: Secret; salt: string }): Promise<SessionToken | null> {
  if (!params.token) return null;
  const secrets = secretsOf(params.secret);
  const { payload } = await jwtDecrypt(
    params.token,
    async ({ kid, enc }) => {
      for (const secret of secrets) {
        const derived = derivedKey(enc, secret, params.salt);
        if (kid === undefined || kid === (await derived.kid)) return derived.key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
  );
  return payload as SessionToken;
}
