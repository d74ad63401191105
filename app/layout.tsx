import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Fixline", template: "%s · Fixline" },
  description: "Alerts, automatic retries and fix-it links for e-commerce order integrations.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, so Next can put the proxy's nonce on its scripts
  // (a page prerendered at build time would carry none and the CSP would block it).
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
