import "server-only";
import { publicOrigin as configuredOrigin } from "@/lib/config/public-url";

/** The origin connectors reach this app at: the configured public URL, never the request's Host header. */
export async function publicOrigin(): Promise<string> {
  return configuredOrigin();
}
