// The sign-in secret of a local install, made once and kept in data/auth-secret: `npm run dev` gives it to
// the app, and `npm run job` uses the same one, so the unsubscribe links a job signs work in the app.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const SECRET_FILE = "data/auth-secret";

export function localAuthSecret(): string {
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, "utf8").trim();
  mkdirSync("data", { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(SECRET_FILE, secret, { mode: 0o600 });
  return secret;
}
