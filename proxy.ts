import NextAuth from "next-auth";
import { authConfig } from "./auth.config";

// Sends signed-out visitors to /login with the page they asked for, before any page renders.
const { auth } = NextAuth(authConfig);
export { auth as proxy };

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
