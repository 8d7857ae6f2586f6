// The browser-side defenses every response carries, decided here (the ones that never vary in
// lib/baseline-headers.mjs, shared with server.mjs) and set by proxy.ts on pages,
// route handlers, server actions, the API and next-auth's routes alike. They limit what an
// attacker can do with a foothold in the page (an injected script), in another tab (framing,
// a popup keeping a handle on this window) or in the network path (a downgrade to HTTP).
import "server-only";
import { BASELINE_HEADERS, STRICT_TRANSPORT_SECURITY } from "@/lib/baseline-headers.mjs";
import { servedOverHttps, serverEnv, type ServerEnv } from "@/lib/env";
import { flawOn } from "@/lib/lab/flaws";

/** A fresh, unguessable nonce for one response: only scripts carrying it may run. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

/** The policy for a response with this nonce; empty when the lab switched all of it off. */
export function contentSecurityPolicy(nonce: string): string {
  // No other site may frame a page to trick clicks on it (clickjacking).
  // LAB FLAW clickjacking: any site may frame the bank.
  const framing = flawOn("clickjacking") ? [] : ["frame-ancestors 'none'"];
  // LAB FLAW no-csp: nothing limits what the page loads or runs: an injected script runs.
  if (flawOn("no-csp")) return framing.join("; ");
  return [...contentRules(nonce), ...framing].join("; ");
}

function contentRules(nonce: string): string[] {
  const dev = serverEnv().NODE_ENV === "development";
  return [
    "default-src 'self'",
    // Only scripts with this response's nonce run, plus what they load themselves
    // ('strict-dynamic'): an injected <script>, inline event handler or javascript: URL has no
    // nonce and is refused. `next dev` alone evaluates code for fast refresh.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // `next dev` alone: its error overlay and indicator inject <style> elements without the
    // nonce. A nonce would make the browser ignore 'unsafe-inline', so development has none.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    // An injected <base> cannot point the page's relative URLs elsewhere.
    "base-uri 'none'",
    // An injected <form> cannot post what the user types to another site.
    "form-action 'self'",
  ];
}

/** The headers besides the CSP; HSTS only once the app is served over HTTPS. */
export function securityHeaders(env: ServerEnv = serverEnv()): Record<string, string> {
  const headers: Record<string, string> = { ...BASELINE_HEADERS };
  // Framing refused again for browsers that predate frame-ancestors.
  // LAB FLAW clickjacking: nor is it refused here.
  if (!flawOn("clickjacking", env)) headers["X-Frame-Options"] = "DENY";
  if (servedOverHttps(env)) headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY;
  return headers;
}
