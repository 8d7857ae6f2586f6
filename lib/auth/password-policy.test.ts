import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCommonPassword, newPasswordProblem } from "./password-policy";

describe("new password rules", () => {
  it("ships at least 10,000 common passwords and finds them case-insensitively", () => {
    for (const word of ["password", "123456", "qwerty", "Dragon", "LETMEIN"]) assert.ok(isCommonPassword(word), word);
    assert.equal(isCommonPassword("violet-harbour-engine-42"), false);
  });

  it("refuses short, unchanged and common passwords with a reason", () => {
    assert.match(newPasswordProblem("short-pass", "old-password-1") ?? "", /at least 12/);
    assert.match(newPasswordProblem("old-password-1", "old-password-1") ?? "", /different/);
    assert.match(newPasswordProblem("Unbelievable", "old-password-1") ?? "", /too common/);
    assert.equal(newPasswordProblem("violet-harbour-engine-42", "old-password-1"), null);
  });

  it("refuses a password over 72 bytes, counting bytes rather than characters", () => {
    const ascii72 = "violet-harbour-engine-".repeat(3) + "abcdef";
    assert.equal(newPasswordProblem(ascii72, "old-password-1"), null);
    assert.equal(newPasswordProblem("🔒".repeat(18), "old-password-1"), null);
    for (const tooLong of [`${ascii72}x`, "🔒".repeat(19), "é".repeat(37)]) {
      assert.match(newPasswordProblem(tooLong, "old-password-1") ?? "", /too long: use at most 72 bytes/);
    }
  });
});
