import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fingerprint, generateSessionToken, hashToken, isWellFormedToken } from "./tokens";

describe("session tokens", () => {
  it("are 256 random bits, base64url, never repeated", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    assert.equal(tokens.size, 1000);
    for (const token of tokens) {
      assert.ok(isWellFormedToken(token));
      assert.equal(Buffer.from(token, "base64url").length, 32);
    }
  });

  it("are stored as a SHA-256 hex digest and shown only as a short fingerprint", () => {
    const token = generateSessionToken();
    const hash = hashToken(token);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.ok(!hash.includes(token));
    assert.equal(fingerprint(hash), hash.slice(0, 8));
  });

  it("rejects values that are not our tokens before any lookup", () => {
    for (const bad of ["", "abc", "x".repeat(44), "a".repeat(42) + "=", "../../etc/passwd"]) {
      assert.equal(isWellFormedToken(bad), false, bad);
    }
  });
});
