import type { ReactNode } from "react";
import { connection } from "next/server";
import "./globals.css";

export const metadata = { title: "Access Atlas", description: "Who can reach what across your AWS organization" };

/**
 * Every page renders per request: the Content-Security-Policy carries a fresh nonce
 * (proxy.ts) and Next.js can only put it on the scripts of a page it renders now.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
