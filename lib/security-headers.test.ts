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
