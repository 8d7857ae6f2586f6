import Link from "next/link";
import { publicPage } from "@/lib/session/guard";

// Replaces Next's built-in 404 page, whose inline styles the Content-Security-Policy refuses.
export default function NotFound() {
  publicPage();
  return (
    <main className="signin">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link href="/dashboard">Go to your accounts</Link>
      </p>
    </main>
  );
}
