import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { errorCode } from "@/lib/errors";
import { emailTokenSecret } from "@/lib/notify/config";
import { unsubscribeContact } from "@/lib/notify/unsubscribe-contact";
import { routeError } from "../../_lib/route-error";

/**
 * The List-Unsubscribe address of every alert email. POST unsubscribes: a mail client's one-click request
 * (RFC 8058, body `List-Unsubscribe=One-Click`) gets 200; the confirmation page's form is sent back to it.
 * GET never unsubscribes (mail scanners follow links): it opens the confirmation page.
 */
export async function POST(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const form = await request.formData().catch(() => null);
  const fromPage = form?.get("source") === "page";
  try {
    await unsubscribeContact(getDb(), token, emailTokenSecret(), new Date());
  } catch (error) {
    if (fromPage && errorCode(error) === "not_found") return NextResponse.redirect(pageUrl(request, token), 303);
    return routeError(error, { not_found: "This unsubscribe link is not valid." });
  }
  if (fromPage) return NextResponse.redirect(pageUrl(request, token, true), 303);
  return NextResponse.json({ unsubscribed: true });
}

export function GET(request: NextRequest) {
  return NextResponse.redirect(pageUrl(request, request.nextUrl.searchParams.get("token") ?? ""), 303);
}

function pageUrl(request: NextRequest, token: string, done = false): URL {
  const url = new URL("/unsubscribe", request.url);
  url.searchParams.set("token", token);
  if (done) url.searchParams.set("done", "1");
  return url;
}
