import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "EVoting", template: "%s · EVoting" },
  description: "Verifiable voting on a permissioned blockchain: encrypted in your browser, counted in the open.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>{children}</main>
        <footer className="site-footer">
          Ballots are encrypted in your browser; the server never sees your choice. Every vote is on a
          public chain that anyone can check.
        </footer>
      </body>
    </html>
  );
}
