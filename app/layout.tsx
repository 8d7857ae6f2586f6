import type { Metadata } from "next";
import { LabBanner } from "@/components/lab-banner";
import { publicPage } from "@/lib/session/guard";
import "./globals.css";

export const metadata: Metadata = {
  title: "Vaultline",
  description: "A small online bank whose real subject is session security.",
};

// Lab flaws and sessions are read per request at run time, never baked in at build time.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  publicPage();
  return (
    <html lang="en">
      <body>
        <LabBanner />
        {children}
      </body>
    </html>
  );
}
