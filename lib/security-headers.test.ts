import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEnv, type ServerEnv } from "./env";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

function servedAt(NEXTAUTH_URL: string): ServerEnv {
  const result = parseEnv({ NEXTAUTH_URL });
  assert.ok(result.ok);
  return result.env;
}

describe("security headers", () => {
  it("pin HTTPS (HSTS) once the app is served over it, and only then", () => {
    assert.equal(
      securityHeaders(servedAt("https://bank.example"))["Strict-Transport-Security"],
      "max-age=63072000; includeSubDomains",
    );
    assert.equal(securityHeaders(servedAt("http://localhost:3000"))["Strict-Transport-Security"], undefined);
  });

  it("follow OWASP's Secure Headers list: the legacy XSS auditor off, no cross-domain policy files, no cross-origin loads", () => {
    const headers = securityHeaders(servedAt("https://bank.example"));
    assert.equal(headers["X-XSS-Protection"], "0");
    assert.equal(headers["X-Permitted-Cross-Domain-Policies"], "none");
    assert.equal(headers["Cross-Origin-Resource-Policy"], "same-origin");
    assert.equal(headers["X-Content-Type-Options"], "nosniff");
    assert.equal(headers["X-Frame-Options"], "DENY");
  });

  it("give each response its own unguessable nonce, and no inline script without it", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    assert.equal(nonces.size, 1000);
    const nonce = newNonce();
    assert.equal(Buffer.from(nonce, "base64").length, 18);
    const csp = contentSecurityPolicy(nonce);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/]/g, "\\$&")}' 'strict-dynamic'(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline/);
  });
});
