// The one same-origin rule for state-changing requests (CSRF), applied by proxy.ts to every
// request before any page, route handler, server action or next-auth route runs. SameSite=Strict
// already keeps the session cookie off cross-site requests; this is the second layer, and the
// only one for what SameSite cannot see: another origin of the same site (another port, a sibling
// subdomain) gets the cookie, and a request without the cookie can still have side effects
// (sign-out clearing it, sign-in to an attacker's account).
//
// The decision follows the Fetch Metadata approach (OWASP CSRF cheat sheet; Go's
// http.CrossOriginProtection):
// - GET, HEAD and OPTIONS change nothing here and always pass.
// - Sec-Fetch-Site, set by every current browser and not settable by a page, must say
//   `same-origin`, or `none` (the user typed the address or used a bookmark). `same-site` is
//   refused: it is another origin.
// - A browser too old to send it still sends Origin on a POST: it must be the app's origin
//   exactly (`null`, from a sandboxed frame or a redirect, is refused).
// - A request with neither header comes from something that is not a browser (curl, the mobile
//   app with its bearer token). It passes: without a browser there is no ambient cookie for a
//   third party to ride on, and whoever sends a cookie by hand already holds it.
import "server-only";

const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

const ALLOWED_FETCH_SITES = ["same-origin", "none"];

type RequestFacts = { method: string; headers: Headers };

/** True when this request would change state on behalf of a page from another origin. */
export function isCrossSiteWrite(request: RequestFacts, appOrigin: string): boolean {
  if (SAFE_METHODS.includes(request.method)) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null) return !ALLOWED_FETCH_SITES.includes(fetchSite);
  const origin = request.headers.get("origin");
  if (origin !== null) return origin !== new URL(appOrigin).origin;
  return false;
}

export const CROSS_SITE_MESSAGE =
  "This request came from another site, so it was refused and nothing was changed. If you meant to do this, open Vaultline directly and try again.";

/**
 * True when a write's Origin is not a URL, or names another host than the one the request
 * claims to be for (X-Forwarded-Host, else Host) — a forged header, or a proxy that rewrites
 * Host without saying so. Next would abort such a server action with a 500 after the request
 * got this far; it is refused here with a 4xx instead.
 */
export function hasMismatchedHost(request: RequestFacts): boolean {
  if (SAFE_METHODS.includes(request.method)) return false;
  const origin = request.headers.get("origin");
  if (origin === null || origin === "null") return false;
  const claimedHost = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return hostOf(origin) !== claimedHost;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export const MISMATCHED_HOST_MESSAGE =
  "This request's Origin does not match the host it was sent to, so it was refused and nothing was changed.";
