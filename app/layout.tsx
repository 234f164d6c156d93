import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Access Atlas", description: "Who can reach what across your AWS organization" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
