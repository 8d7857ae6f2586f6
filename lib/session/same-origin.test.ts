import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCrossSiteWrite } from "./same-origin";

const APP = "https://bank.example";

function crossSite(method: string, headers: Record<string, string>, appOrigin = APP): boolean {
  return isCrossSiteWrite({ method, headers: new Headers(headers) }, appOrigin);
}

describe("isCrossSiteWrite", () => {
  it("never refuses a safe method, whoever sent it", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      assert.equal(crossSite(method, { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }), false);
    }
  });

  it("trusts Sec-Fetch-Site when a browser sends it: only same-origin and a user's own navigation pass", () => {
    assert.equal(crossSite("POST", { "Sec-Fetch-Site": "same-origin" }), false);
    assert.equal(crossSite("POST", { "Sec-Fetch-Site": "none" }), false);
    for (const value of ["same-site", "cross-site", "", "SAME-ORIGIN", "same-origin, same-origin"]) {
      assert.equal(crossSite("POST", { "Sec-Fetch-Site": value }), true, value);
    }
  });

  it("refuses a foreign Origin even when Sec-Fetch-Site is absent, and refuses `null`", () => {
    assert.equal(crossSite("POST", { Origin: APP }), false);
    for (const origin of [
      "https://evil.example",
      "null",
      "http://bank.example",
      "https://bank.example:8443",
      "https://app.bank.example",
      "https://bank.example.evil.example",
      "",
    ]) {
      assert.equal(crossSite("POST", { Origin: origin }), true, origin);
    }
  });

  it("compares against the origin of the configured URL, whatever its path or default port", () => {
    assert.equal(crossSite("POST", { Origin: APP }, "https://bank.example:443/app/"), false);
    assert.equal(crossSite("POST", { Origin: "http://localhost:3000" }, "http://localhost:3000"), false);
    assert.equal(crossSite("POST", { Origin: "http://127.0.0.1:3000" }, "http://localhost:3000"), true);
  });

  it("checks every method that is not safe", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "PROPFIND"]) {
      assert.equal(crossSite(method, { Origin: "https://evil.example" }), true, method);
    }
  });

  it("lets a client that is not a browser through: it sends no Origin and carries no ambient cookie", () => {
    assert.equal(crossSite("POST", {}), false);
    assert.equal(crossSite("DELETE", { Authorization: "Bearer x" }), false);
  });
});
