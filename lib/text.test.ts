import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasUnsafeCharacters, isRecordId } from "./text";

describe("hasUnsafeCharacters", () => {
  it("finds control characters, unpaired surrogates and bidirectional overrides", () => {
    for (const text of [
      "a\u0000b",
      "tab\there",
      "line\nbreak",
      "\r",
      "\u001b[31m",
      "\u007f",
      "\u0085",
      "x\ud800",
      "\udfffy",
      "\u202eevil",
      "\u2066x\u2069",
    ]) {
      assert.equal(hasUnsafeCharacters(text), true, JSON.stringify(text));
    }
  });

  it("lets every printable script, emoji and markup through (escaping is the view's job)", () => {
    for (const text of [
      "Rent share",
      "Café – naïve façade",
      "東京 ١٢٣ עברית",
      "👨‍👩‍👧 🔒",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "",
    ]) {
      assert.equal(hasUnsafeCharacters(text), false, JSON.stringify(text));
    }
  });
});

describe("isRecordId", () => {
  it("accepts the IDs the database issues", () => {
    for (const id of ["cmwu2denh0001qk7dl74mtwu0", "0b4cf8a2-6d8e-4a3f-9c1e-2f7d5b9a1c3e", "V1StGXR8_Z5jdHi6B-myT"])
      assert.equal(isRecordId(id), true, id);
  });

  it("refuses anything else before it reaches a query", () => {
    for (const id of ["", "a\u0000b", "../x", "<script>", "' OR 1=1", "id with spaces", "x".repeat(65), "\ud800"]) {
      assert.equal(isRecordId(id), false, JSON.stringify(id));
    }
  });
});
