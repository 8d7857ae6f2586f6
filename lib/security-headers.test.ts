import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const ORIGINAL_URL = process.env.NEXTAUTH_URL;

describe("security headers", () => {
  afterEach(() => {
    if (ORIGINAL_URL === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = ORIGINAL_URL;
  });

  it("pin HTTPS (HSTS) once the app is served over it, and only then", () => {
    process.env.NEXTAUTH_URL = "https://bank.example";
    assert.equal(securityHeaders()["Strict-Transport-Security"], "max-age=63072000; includeSubDomains");
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    assert.equal(securityHeaders()["Strict-Transport-Security"], undefined);
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
