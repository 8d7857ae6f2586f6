import Link from "next/link";
import { publicPage } from "@/lib/session/guard";

// Replaces Next's built-in 404 page, whose inline styles the Content-Security-Policy refuses.
export default function NotFound() {
  publicPage();
  return (
    <main className="card-page">
      <div className="card grid gap-4">
        <h1>Page not found</h1>
        <p className="text-slate-700">There is no page at this address.</p>
        <p>
          <Link href="/dashboard" className="btn">
            Go to your accounts
          </Link>
        </p>
      </div>
    </main>
  );
}
