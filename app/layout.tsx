import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pairwise CRM", template: "%s · Pairwise CRM" },
  description: "Cross-sell opportunities ranked by expected value, with reasons in numbers.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next applies the proxy's per-request CSP nonce to its scripts,
  // which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
