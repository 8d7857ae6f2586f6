// The security headers that are the same on every answer, whoever writes it: proxy.ts for every
// page, route handler, server action and API call (through lib/security-headers.ts, which adds
// the per-response CSP and what the lab may switch off), and server.mjs for every answer the
// proxy never sees (Next's static files and its own 404s, the front door's refusals and
// redirects, Node's parser errors). Plain JavaScript so server.mjs, which runs before any
// TypeScript is compiled, reads the same list. The set follows OWASP's Secure Headers Project.

/** Sent with every answer. */
export const BASELINE_HEADERS = Object.freeze({
  // A response is only ever what its Content-Type says (no script from a sniffed text file).
  "X-Content-Type-Options": "nosniff",
  // Full URLs stay on this origin. Not `no-referrer`: browsers then send `Origin: null` on
  // this site's own form posts, which the same-origin checks must refuse.
  "Referrer-Policy": "same-origin",
  // A page from another origin that opened (or was opened by) this one gets no handle on it.
  "Cross-Origin-Opener-Policy": "same-origin",
  // Another site cannot load the bank's answers as its own images, scripts or styles.
  "Cross-Origin-Resource-Policy": "same-origin",
  // A bank page needs none of these; an injected script gets none of them either.
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  // No Flash or PDF client may read cross-domain policy files here.
  "X-Permitted-Cross-Domain-Policies": "none",
  // The old browsers' XSS auditor off: it could be abused to blank out or leak parts of a page,
  // and the CSP is the defense. OWASP recommends 0 over leaving it unset (scanners flag that).
  "X-XSS-Protection": "0",
});

/** The CSP of an answer that is not a page (a refusal, a redirect, a static file): nothing runs, nothing frames it. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, as the HSTS preload list asks: the browser never tries plain HTTP again. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
