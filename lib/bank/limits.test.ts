import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MEMO_MAX_LENGTH, memoProblem } from "./limits";

describe("memoProblem", () => {
  it("accepts visible text up to the limit, markup included (the page escapes it)", () => {
    for (const memo of ["", "Rent share", "Café 🍰", "<b>hi</b>", "x".repeat(MEMO_MAX_LENGTH)])
      assert.equal(memoProblem(memo), null, memo);
  });

  it("refuses a memo that is too long or carries control characters, saying which", () => {
    assert.match(memoProblem("x".repeat(MEMO_MAX_LENGTH + 1)) ?? "", /under 140 characters/);
    for (const memo of ["a\u0000b", "tab\there", "two\nlines", "\u202eevil", "x\ud800"]) {
      assert.match(memoProblem(memo) ?? "", /only visible characters/, JSON.stringify(memo));
    }
  });
});
