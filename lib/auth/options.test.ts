import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath } from "./options";

describe("safeNextPath", () => {
  it("keeps same-site paths", () => {
    assert.equal(safeNextPath("/accounts/abc"), "/accounts/abc");
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of ["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)", undefined, 42]) {
      assert.equal(safeNextPath(bad), "/dashboard", String(bad));
    }
  });
});
