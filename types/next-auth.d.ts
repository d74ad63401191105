import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    /** `timeZone`: the zone pages write times in, read with the session (lib/auth/sessions.ts). */
    user: { id: string; timeZone: string } & DefaultSession["user"];
  }
}
