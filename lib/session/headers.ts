// Response headers that keep authenticated content out of caches and wipe the browser at
// sign-out. proxy.ts applies them; the values are decided here.
import "server-only";
import { flawOn } from "@/lib/lab/flaws";

/** Every page: no browser, proxy or back/forward cache may keep a copy of account data. */
export function pageCacheControl(): string {
  // LAB FLAW no-cache-control: a typical CDN-style header lets the browser keep the page, so
  // Back after sign-out shows balances from the cache.
  if (flawOn("no-cache-control")) return "private, max-age=600";
  return "no-store";
}

/** Sign-out answer: the browser drops cached pages, cookies and storage for this site. */
export function signOutClearSiteData(): string {
  // LAB FLAW no-cache-control: the browser is not told to drop its cached pages either.
  if (flawOn("no-cache-control")) return '"cookies", "storage"';
  return '"cache", "cookies", "storage"';
}
