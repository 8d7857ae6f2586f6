import type { Metadata } from "next";
// LAB ONLY
import { LabBanner } from "@/components/lab-banner";
// END LAB ONLY
import { publicPage } from "@/lib/session/guard";
import "./globals.css";

export const metadata: Metadata = {
  title: "Vaultline",
  description: "A small online bank whose real subject is session security.",
};

// Sessions (and the lab's flaws) are read per request at run time, never baked in at build time.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  publicPage();
  return (
    <html lang="en">
      <body>
        {/* LAB ONLY */}
        <LabBanner />
        {/* END LAB ONLY */}
        {children}
      </body>
    </html>
  );
}
