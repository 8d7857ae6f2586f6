import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath } from "./safe-next-path";

const ORIGIN = "http://localhost:3000";

/** Where a browser lands when the sign-in callback redirects to the chosen path. */
function landing(next: unknown): URL {
  return new URL(safeNextPath(next, ORIGIN), ORIGIN);
}

/** A readable test name: control characters shown escaped. */
function show(value: unknown): string {
  if (typeof value !== "string") return String(value);
  return JSON.stringify(value).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

describe("safeNextPath", () => {
  it("keeps a same-origin path with its query and fragment", () => {
    assert.equal(safeNextPath("/accounts/abc", ORIGIN), "/accounts/abc");
    assert.equal(safeNextPath("/profile?tab=1#top", ORIGIN), "/profile?tab=1#top");
    assert.equal(safeNextPath("/search?q=a%2F%2Fb", ORIGIN), "/search?q=a%2F%2Fb");
  });

  it("returns the normalized path, never the raw input", () => {
    assert.equal(safeNextPath("/accounts/../profile", ORIGIN), "/profile");
    assert.equal(safeNextPath("/a b", ORIGIN), "/a%20b");
  });

  // Known open-redirect payloads (OWASP, PortSwigger): each must fall back to the dashboard.
  const bypasses = [
    "//evil.example/phish",
    "///evil.example/phish",
    "/\\evil.example/phish",
    "\\\\evil.example/phish",
    "/\\/evil.example/phish",
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "/\r/evil.example/phish",
    "/%09/evil.example/phish",
    "/%0a/evil.example/phish",
    "/%0D/evil.example/phish",
    "/%2F/evil.example/phish",
    "/%2f%2fevil.example/phish",
    "/%5C/evil.example/phish",
    "%2F%2Fevil.example/phish",
    "%09/evil.example",
    "/.//evil.example/phish",
    "/./\t/evil.example/phish",
    "https://evil.example/phish",
    "http:evil.example/phish",
    "https:/evil.example",
    " //evil.example",
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//user@evil.example/phish",
    "//localhost:3000@evil.example/phish",
    "／／evil.example/phish",
    "/profile\u0000",
    "/profile\u0085",
    "/profile\u007f",
    "/profile%00",
    "/profile%C2%85",
    "/100%",
    "",
    undefined,
    null,
    42,
    ["/profile"],
  ];
  for (const payload of bypasses) {
    it(`refuses ${show(payload)}`, () => {
      assert.equal(safeNextPath(payload, ORIGIN), "/dashboard");
    });
  }

  // Odd-looking but harmless: they name a path on this site, so they are kept (normalized).
  const sameOrigin = [
    "/@evil.example",
    "/.evil.example",
    "/evil.example",
    "/%EF%BC%8F%EF%BC%8Fevil.example",
    "/／／evil.example",
  ];
  for (const payload of sameOrigin) {
    it(`keeps ${show(payload)} on this origin`, () => {
      const url = landing(payload);
      assert.equal(url.origin, ORIGIN);
      assert.notEqual(url.pathname, "/dashboard");
    });
  }

  it("decides by the configured origin, not by localhost", () => {
    assert.equal(safeNextPath("/profile", "https://bank.example"), "/profile");
    assert.equal(safeNextPath("//bank.example.evil.example/", "https://bank.example"), "/dashboard");
  });
});
