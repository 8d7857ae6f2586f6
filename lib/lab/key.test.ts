import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { grantsLabAccess, isLabKey, labAccessToken, labKeyUrl, newLabKey } from "./key";

describe("the lab key", () => {
  it("is fresh for every start: 256 bits, base64url", () => {
    const keys = new Set(Array.from({ length: 100 }, newLabKey));
    assert.equal(keys.size, 100);
    for (const key of keys) assert.match(key, /^[\w-]{43}$/);
  });

  it("matches only itself, and nothing when the lab has none", () => {
    const key = newLabKey();
    assert.equal(isLabKey(key, key), true);
    for (const wrong of [key.slice(1), `${key}x`, "", key.toUpperCase(), null, undefined]) {
      assert.equal(isLabKey(wrong, key), false, String(wrong));
    }
    assert.equal(isLabKey("", undefined), false);
    assert.equal(isLabKey("", ""), false);
  });

  it("lets a browser in by an HMAC of it, never the key itself, and only for this start", () => {
    const key = newLabKey();
    const token = labAccessToken(key);
    assert.notEqual(token, key);
    assert.equal(grantsLabAccess(token, key), true);
    assert.equal(grantsLabAccess(key, key), false, "the key is not the cookie");
    assert.equal(grantsLabAccess(token, newLabKey()), false, "the last lab's cookie");
    assert.equal(grantsLabAccess(undefined, key), false);
    assert.equal(grantsLabAccess(token, undefined), false);
  });

  it("is printed as the console's address with the key in its query", () => {
    const url = new URL(labKeyUrl("http://localhost:3000", "a+b/c="));
    assert.equal(url.origin + url.pathname, "http://localhost:3000/lab");
    assert.equal(url.searchParams.get("key"), "a+b/c=");
  });
});
