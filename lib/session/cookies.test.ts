// Cookie attributes over HTTP (the e2e servers) and HTTPS (production), which the browser
// suite cannot reach: __Host- prefix and Secure only when served over HTTPS.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sessionCookieAttributes, sessionCookieName } from "./cookies";

describe("session cookie", () => {
  it("over HTTPS is __Host- prefixed, Secure, HttpOnly, SameSite=Strict, Path=/", () => {
    assert.equal(sessionCookieName(true), "__Host-vaultline.session");
    assert.deepEqual(sessionCookieAttributes(true), { httpOnly: true, sameSite: "strict", path: "/", secure: true });
  });

  it("over plain HTTP (local development) drops only Secure and the prefix", () => {
    assert.equal(sessionCookieName(false), "vaultline.session");
    assert.deepEqual(sessionCookieAttributes(false), { httpOnly: true, sameSite: "strict", path: "/", secure: false });
  });

  it("never carries Domain, Max-Age or Expires", () => {
    const attributes: Record<string, unknown> = sessionCookieAttributes(true);
    for (const key of ["domain", "maxAge", "expires"]) assert.equal(attributes[key], undefined, key);
  });
});
